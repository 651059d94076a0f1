/**
 * A probed neuron's recent samples (V, NMDA current, B), averaged into BUCKET_MS buckets of
 * simulated time in a ring of WINDOW_MS: the probe view's data, without any drawing.
 */
export const WINDOW_MS = 3000;
export const BUCKET_MS = 5;
export const BUCKETS = WINDOW_MS / BUCKET_MS + 1;
/** A fall of V larger than this between two steps is a reset: the cell spiked. */
const RESET_DROP_MV = 4;

/** One neuron's recent samples, averaged into buckets of simulated time (a ring). */
export class ProbeTrace {
  readonly v = new Float32Array(BUCKETS);
  readonly i = new Float32Array(BUCKETS);
  readonly b = new Float32Array(BUCKETS);
  readonly n = new Uint16Array(BUCKETS);
  readonly spiked = new Uint8Array(BUCKETS);
  /** absolute index of the newest bucket; −1 before data */
  newest = -1;
  private lastV = Number.NaN;

  add(timeMs: number, vMV: number, iPA: number, block: number): void {
    const bucket = Math.floor(timeMs / BUCKET_MS);
    if (bucket > this.newest) {
      const from = Math.max(this.newest + 1, bucket - BUCKETS + 1);
      for (let k = from; k <= bucket; k++) {
        const s = k % BUCKETS;
        this.v[s] = 0;
        this.i[s] = 0;
        this.b[s] = 0;
        this.n[s] = 0;
        this.spiked[s] = 0;
      }
      this.newest = bucket;
    } else if (bucket <= this.newest - BUCKETS) return;
    const s = bucket % BUCKETS;
    this.v[s] += vMV;
    this.i[s] += iPA;
    this.b[s] += block;
    this.n[s]++;
    if (this.lastV - vMV > RESET_DROP_MV) this.spiked[s] = 1;
    this.lastV = vMV;
  }
}

