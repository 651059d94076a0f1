/**
 * Coefficient of variation of inter-spike intervals, online: each cell keeps its last spike step and
 * Welford running sums of its ISIs (count, mean, sum of squared deviations), updated at each spike
 * in O(1). The CV of a cell is its sample standard deviation (n − 1) over its mean ISI; the summary
 * is the mean CV over cells with ≥ 2 ISIs (≥ 3 spikes). ≈ 1 for Poisson trains, 0 for regular ones.
 */
export class IsiStats {
  private readonly lastStep: Float64Array;
  private readonly count: Uint32Array;
  private readonly meanSteps: Float64Array;
  private readonly m2: Float64Array;

  constructor(neurons: number) {
    this.lastStep = new Float64Array(neurons).fill(-1);
    this.count = new Uint32Array(neurons);
    this.meanSteps = new Float64Array(neurons);
    this.m2 = new Float64Array(neurons);
  }

  /** One spike of cell `id` at `step` (steps of one cell must not decrease). */
  add(id: number, step: number): void {
    const last = this.lastStep[id];
    this.lastStep[id] = step;
    if (last < 0) return;
    const isi = step - last;
    const n = this.count[id] + 1;
    this.count[id] = n;
    const mean = this.meanSteps[id];
    const delta = isi - mean;
    const newMean = mean + delta / n;
    this.meanSteps[id] = newMean;
    this.m2[id] += delta * (isi - newMean);
  }

  /** Forgets the ISIs seen so far; the last spike of each cell is kept, so the next ISI counts. */
  reset(): void {
    this.count.fill(0);
    this.meanSteps.fill(0);
    this.m2.fill(0);
  }

  /** Mean CV over cells with ≥ 2 intervals; NaN when there are none. */
  meanCv(): number {
    const { count, meanSteps, m2 } = this;
    let sum = 0;
    let cells = 0;
    for (let i = 0; i < count.length; i++) {
      const n = count[i];
      if (n < 2 || meanSteps[i] <= 0) continue;
      sum += Math.sqrt(Math.max(0, m2[i]) / (n - 1)) / meanSteps[i];
      cells++;
    }
    return cells > 0 ? sum / cells : NaN;
  }
}
