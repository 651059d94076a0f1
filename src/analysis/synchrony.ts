/**
 * Golomb–Rinzel synchrony χ (Golomb & Rinzel 1993, Physica D 72:259; Golomb 2007, Scholarpedia
 * "Neuronal synchrony measures"), over ALL cells, online and exact:
 *
 *   χ² = Var_t(P) / ((1/N) Σ_i Var_t(f_i)),   P(t) = (1/N) Σ_i f_i(t),
 *
 * where f_i is cell i's spike train filtered by a causal exponential of time constant τ (SYNC_TAU_MS;
 * each spike adds e^(−(t − t_spike)/τ)), sampled at the end of every analysis bin. χ ≈ 1/√N for
 * independent cells and 1 when all cells fire together.
 *
 * Cost: between two spikes of a cell its samples decay geometrically (f, f·a, f·a², …, a = e^(−bin/τ)),
 * so the sums Σ f and Σ f² over those samples are closed-form geometric series added when the next
 * spike arrives: O(1) per spike, nothing per cell per bin. P needs one update per bin. chi() adds the
 * not-yet-flushed tails without changing the state, so asking never alters later answers.
 */

/** Powers a^n below this are taken as 0 (they cannot matter next to 1 in a double). */
const NEGLIGIBLE_POWER = 1e-30;

export class Synchrony {
  private readonly neurons: number;
  /** a^n for n = 0 .. length−1; a^n = 0 beyond */
  private readonly powA: Float64Array;
  /** weight at the end of its bin of a spike `offset` steps into the bin */
  private readonly weightAtOffset: Float64Array;
  private readonly decay: number;
  /** 1/(1 − a) and 1/(1 − a²): the geometric series' denominators, as factors */
  private readonly series1: number;
  private readonly series2: number;

  /** per cell: the bin its f was last brought to (−1: never spiked), f there, and sample sums before it */
  private readonly lastBin: Int32Array;
  private readonly f: Float64Array;
  private readonly sum: Float64Array;
  private readonly sumSq: Float64Array;

  /** N·P: the filtered population spike count, and the weights arriving in the bin now filling */
  private popF = 0;
  private popIncoming = 0;
  private popSum = 0;
  private popSumSq = 0;
  /** completed bins in the sums */
  private samples = 0;

  constructor(neurons: number, binSteps: number, dtMs: number, tauMs: number) {
    this.neurons = neurons;
    const binMs = binSteps * dtMs;
    const a = Math.exp(-binMs / tauMs);
    this.decay = a;
    this.series1 = 1 / (1 - a);
    this.series2 = 1 / (1 - a * a);
    const length = Math.max(2, Math.min(1 << 20, Math.ceil(Math.log(NEGLIGIBLE_POWER) / Math.log(a))));
    this.powA = new Float64Array(length);
    let p = 1;
    for (let n = 0; n < length; n++, p *= a) this.powA[n] = p;
    this.weightAtOffset = new Float64Array(binSteps);
    for (let o = 0; o < binSteps; o++) this.weightAtOffset[o] = Math.exp(-((binSteps - o) * dtMs) / tauMs);
    this.lastBin = new Int32Array(neurons).fill(-1);
    this.f = new Float64Array(neurons);
    this.sum = new Float64Array(neurons);
    this.sumSq = new Float64Array(neurons);
  }

  private pow(n: number): number {
    return n < this.powA.length ? this.powA[n] : 0;
  }

  /** One spike of cell `id` in bin `bin` (≥ every earlier bin), `offset` steps into it. */
  add(id: number, bin: number, offset: number): void {
    const w = this.weightAtOffset[offset];
    this.popIncoming += w;
    const last = this.lastBin[id];
    if (last === bin) {
      this.f[id] += w;
      return;
    }
    if (last >= 0) {
      const n = bin - last;
      const fv = this.f[id];
      const an = this.pow(n);
      this.sum[id] += fv * (1 - an) * this.series1;
      this.sumSq[id] += fv * fv * (1 - an * an) * this.series2;
      this.f[id] = fv * an + w;
    } else {
      this.f[id] = w;
    }
    this.lastBin[id] = bin;
  }

  /** The bin now filling is complete. */
  completeBin(): void {
    const p = this.popF * this.decay + this.popIncoming;
    this.popF = p;
    this.popIncoming = 0;
    this.popSum += p;
    this.popSumSq += p * p;
    this.samples++;
  }

  /** Starts the statistics afresh at bin `nextBin` (the bin now filling); the filters keep their state. */
  reset(nextBin: number): void {
    const { lastBin, f } = this;
    for (let i = 0; i < this.neurons; i++) {
      const last = lastBin[i];
      if (last >= 0 && last < nextBin) {
        f[i] *= this.pow(nextBin - last);
        lastBin[i] = nextBin;
      }
    }
    this.sum.fill(0);
    this.sumSq.fill(0);
    this.popSum = 0;
    this.popSumSq = 0;
    this.samples = 0;
  }

  /** χ over the completed bins since the start or reset; `lastCompleteBin` is the last of them. NaN if undefined. */
  chi(lastCompleteBin: number): number {
    const t = this.samples;
    if (t < 2 || this.neurons === 0) return NaN;
    const { lastBin, f, sum, sumSq } = this;
    let varSum = 0;
    for (let i = 0; i < this.neurons; i++) {
      const last = lastBin[i];
      if (last < 0) continue;
      let s1 = sum[i];
      let s2 = sumSq[i];
      if (last <= lastCompleteBin) {
        const an = this.pow(lastCompleteBin - last + 1);
        const fv = f[i];
        s1 += fv * (1 - an) * this.series1;
        s2 += fv * fv * (1 - an * an) * this.series2;
      }
      const mean = s1 / t;
      varSum += Math.max(0, s2 / t - mean * mean);
    }
    const meanVar = varSum / this.neurons;
    const popMean = this.popSum / t;
    const popVar = Math.max(0, this.popSumSq / t - popMean * popMean) / (this.neurons * this.neurons);
    if (!(meanVar > 0)) return NaN;
    return Math.sqrt(popVar / meanVar);
  }
}
