/**
 * Which cells a burst recruited, and when each first fired: the input of the wave fit.
 *
 * The detector only knows a burst has begun when the smoothed rate crosses θ, by which time a wave
 * may have been spreading for a while. So every spike also goes into a ring holding the last few
 * tens of ms (a fixed-size buffer: the oldest spikes are overwritten, nothing is allocated), and each
 * bin's raw spike count is kept. When an episode opens at bin b, the onset is found by walking back
 * from b over bins whose raw spike count exceeds an onset level (a few Poisson standard deviations
 * above the baseline count), at most `lookbackBins`, then `guardBins` more; the ring is then scanned back to that onset for each cell's first spike,
 * and recruitment continues spike by spike until the episode closes. A per-cell epoch stamp marks
 * "already recruited", so starting a new episode clears nothing.
 */
/**
 * The spike ring holds the whole lookback while every cell fires at this rate, Hz (above any real
 * burst: refractory periods of 2–5 ms cap cells at 200–500 Hz). Beyond it the earliest spikes of the
 * lookback are lost, which only moves the onset later.
 */
const RING_ROOM_HZ = 500;

export class Recruitment {
  private readonly binSteps: number;
  private readonly lookbackBins: number;
  private readonly guardBins: number;

  private readonly ringIds: Uint32Array;
  private readonly ringSteps: Uint32Array;
  private readonly ringMask: number;
  private ringHead = 0;
  private ringFilled = 0;

  /** raw spike count of the last lookbackBins+1 completed bins, indexed by bin modulo its length */
  private readonly binCounts: Float64Array;
  private completedBins = 0;

  private readonly stamp: Int32Array;
  private epoch = 0;
  /** first spike step of each recruited cell (valid where stamp === epoch) */
  readonly firstStep: Float64Array;
  /** recruited cells of the current episode, [0, count) */
  readonly ids: Uint32Array;
  count = 0;
  active = false;
  /** the step the current episode's onset search settled on */
  onsetStep = 0;
  /** the baseline rate when it opened, Hz per cell */
  backgroundHz = 0;

  constructor(neurons: number, binSteps: number, binMs: number, lookbackBins: number, guardBins: number) {
    this.binSteps = binSteps;
    this.lookbackBins = lookbackBins;
    this.guardBins = guardBins;
    // room for every cell firing at RING_ROOM_HZ through the whole lookback
    const want = Math.max(4096, Math.ceil((neurons * (lookbackBins + 1) * binMs * RING_ROOM_HZ) / 1000));
    const capacity = 2 ** Math.ceil(Math.log2(Math.min(want, 1 << 22)));
    this.ringIds = new Uint32Array(capacity);
    this.ringSteps = new Uint32Array(capacity);
    this.ringMask = capacity - 1;
    this.binCounts = new Float64Array(lookbackBins + 1);
    this.stamp = new Int32Array(neurons).fill(-1);
    this.firstStep = new Float64Array(neurons);
    this.ids = new Uint32Array(neurons);
  }

  /** One spike; steps must not decrease. */
  add(id: number, step: number): void {
    const h = this.ringHead;
    this.ringIds[h] = id;
    this.ringSteps[h] = step;
    this.ringHead = (h + 1) & this.ringMask;
    if (this.ringFilled <= this.ringMask) this.ringFilled++;
    if (this.active && this.stamp[id] !== this.epoch) {
      this.stamp[id] = this.epoch;
      this.firstStep[id] = step;
      this.ids[this.count++] = id;
    }
  }

  /** Bin `bin` (counted from 0) is complete with `spikes` spikes. */
  completeBin(bin: number, spikes: number): void {
    this.binCounts[bin % this.binCounts.length] = spikes;
    this.completedBins = bin + 1;
  }

  /**
   * An episode opened at bin `bin` (already completed). `levelSpikes`: a bin with more spikes than
   * this belongs to the onset. `originStep`: the step at which bin 0 begins. `backgroundHz`: the
   * baseline rate, kept for the fit.
   */
  open(bin: number, levelSpikes: number, originStep: number, backgroundHz: number): void {
    this.backgroundHz = backgroundHz;
    this.epoch++;
    this.count = 0;
    this.active = true;
    let first = bin;
    const oldest = Math.max(0, bin - this.lookbackBins, this.completedBins - this.binCounts.length);
    while (first - 1 >= oldest && this.binCounts[(first - 1) % this.binCounts.length] > levelSpikes) first--;
    first = Math.max(oldest, first - this.guardBins);
    const onsetStep = originStep + first * this.binSteps;
    this.onsetStep = onsetStep;
    // scan the ring back to the onset; the last write per cell is its earliest spike
    const { ringIds, ringSteps, stamp, firstStep, ids } = this;
    let at = this.ringHead;
    for (let k = 0; k < this.ringFilled; k++) {
      at = (at - 1) & this.ringMask;
      const step = ringSteps[at];
      if (step < onsetStep) break;
      const id = ringIds[at];
      if (stamp[id] !== this.epoch) {
        stamp[id] = this.epoch;
        ids[this.count++] = id;
      }
      firstStep[id] = step;
    }
  }

  /** The episode closed (reported or rejected): stop recruiting. */
  close(): void {
    this.active = false;
  }
}
