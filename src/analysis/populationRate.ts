/**
 * The smoothed population rate: spikes counted per bin (all, E, I), turned into Hz per cell and
 * smoothed with a causal exponential kernel, r̄ ← r̄·a + (1 − a)·r with a = exp(−binMs / τ) (unit
 * area, so a constant rate passes unchanged; it starts from 0). A ring keeps the recent history for
 * plotting.
 */
export class PopulationRate {
  readonly binMs: number;
  private readonly decay: number;
  private readonly hzPerSpikeAll: number;
  private readonly hzPerSpikeE: number;
  private readonly hzPerSpikeI: number;

  /** spikes counted into the bin now filling */
  countAll = 0;
  countE = 0;
  /** raw (unsmoothed) rate of the last completed bin, Hz per cell */
  rawHz = 0;
  smoothedHz = 0;
  smoothedEHz = 0;
  smoothedIHz = 0;

  private readonly historyAll: Float32Array;
  private readonly historyE: Float32Array;
  private readonly historyI: Float32Array;
  private readonly historyThreshold: Float32Array;
  private historyHead = 0;
  private historyCount = 0;

  constructor(neurons: number, excitatory: number, binMs: number, tauMs: number, historyBins: number) {
    this.binMs = binMs;
    this.decay = Math.exp(-binMs / tauMs);
    const perCellHz = 1000 / binMs; // one spike in one bin, per cell, in Hz
    this.hzPerSpikeAll = neurons > 0 ? perCellHz / neurons : 0;
    this.hzPerSpikeE = excitatory > 0 ? perCellHz / excitatory : 0;
    this.hzPerSpikeI = neurons - excitatory > 0 ? perCellHz / (neurons - excitatory) : 0;
    const n = Math.max(1, historyBins);
    this.historyAll = new Float32Array(n);
    this.historyE = new Float32Array(n);
    this.historyI = new Float32Array(n);
    this.historyThreshold = new Float32Array(n);
  }

  /** Closes the bin now filling: updates the smoothed rates and empties the counters. */
  completeBin(): void {
    const a = this.decay;
    const b = 1 - a;
    const countI = this.countAll - this.countE;
    this.rawHz = this.countAll * this.hzPerSpikeAll;
    this.smoothedHz = this.smoothedHz * a + b * this.rawHz;
    this.smoothedEHz = this.smoothedEHz * a + b * this.countE * this.hzPerSpikeE;
    this.smoothedIHz = this.smoothedIHz * a + b * countI * this.hzPerSpikeI;
    this.countAll = 0;
    this.countE = 0;
  }

  /** Appends the last completed bin (and the threshold then in force) to the history ring. */
  record(thresholdHz: number): void {
    const h = this.historyHead;
    this.historyAll[h] = this.smoothedHz;
    this.historyE[h] = this.smoothedEHz;
    this.historyI[h] = this.smoothedIHz;
    this.historyThreshold[h] = thresholdHz;
    this.historyHead = h + 1 === this.historyAll.length ? 0 : h + 1;
    if (this.historyCount < this.historyAll.length) this.historyCount++;
  }

  /** Copies of the last `bins` recorded bins (all held if omitted), oldest first. */
  history(bins?: number): { allHz: Float32Array; eHz: Float32Array; iHz: Float32Array; thresholdHz: Float32Array } {
    const n = Math.min(this.historyCount, bins === undefined ? this.historyCount : Math.max(0, Math.floor(bins)));
    return {
      allHz: this.unroll(this.historyAll, n),
      eHz: this.unroll(this.historyE, n),
      iHz: this.unroll(this.historyI, n),
      thresholdHz: this.unroll(this.historyThreshold, n),
    };
  }

  private unroll(ring: Float32Array, n: number): Float32Array {
    const out = new Float32Array(n);
    const cap = ring.length;
    let from = this.historyHead - n;
    if (from < 0) from += cap;
    for (let k = 0; k < n; k++) {
      out[k] = ring[from];
      from = from + 1 === cap ? 0 : from + 1;
    }
    return out;
  }
}
