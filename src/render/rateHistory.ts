/**
 * What the rate plot draws: the population rate and [Mg]o in display bins over the last windowMs of
 * simulated time (a ring, so hours of running use the same memory), the ion traces under them
 * ([K⁺]o mean and highest patch, [Na⁺]i, E_K; NaN where the ions were fixed), and the marks — where
 * [Mg]o changed and where a population burst was detected. Pure bookkeeping of frame data; no drawing.
 */
import type { BurstEvent, Frame, IctalSpan } from '../protocol/types';

export interface RateHistoryOptions {
  /** width of a display bin, simulated ms @default 20 */
  binMs: number;
  /** simulated time kept and shown, ms @default 30000 */
  windowMs: number;
}

export interface MgMark {
  timeMs: number;
  mgOutMM: number;
}

/** The ion traces kept per bin (IonFrame's means and highest patch). */
export const ION_SERIES = ['kMeanMM', 'kMaxMM', 'naMM', 'eKMV'] as const;
export type IonSeries = (typeof ION_SERIES)[number];

/** Marks kept beyond the window are dropped; this bounds them even if the window is never reached. */
const MAX_MARKS = 256;

/** The postictal period shaded after each ictal event, ms: the analysis's postictal window (ictal.ts ICTAL_POST_WINDOW_MS). */
export const POSTICTAL_SHADE_MS = 5000;

export class RateHistory {
  readonly binMs: number;
  readonly windowMs: number;
  readonly capacity: number;
  /** per ring slot: Σ rate·duration (Hz·ms), Σ duration (ms), last [Mg]o (mM) */
  private readonly rateSum: Float64Array;
  private readonly weight: Float64Array;
  private readonly mg: Float32Array;
  /** per ring slot and ion series: the value at the bin's end (interpolated within a chunk), NaN with fixed ions */
  private readonly ions: Record<IonSeries, Float32Array>;
  /** the ion values at the end of the last frame (NaN: none), the start of the next chunk's interpolation */
  private readonly ionsBefore = new Float64Array(ION_SERIES.length).fill(Number.NaN);
  private readonly ionsNow = new Float64Array(ION_SERIES.length);
  /** the latest frame carried ions (the ion strips are shown) */
  ionsShown = false;
  /** absolute index of the newest bin written; −1 before any data */
  private newestBin = -1;
  /** simulated time at the end of the latest frame, ms */
  timeMs = 0;
  readonly mgMarks: MgMark[] = [];
  readonly bursts: BurstEvent[] = [];
  /** start of the burst in progress (the analysis says inBurst), ms; NaN when none */
  ongoingBurstStartMs = Number.NaN;
  /** closed ictal events in the window (frame.newIctalEvents) */
  readonly ictalEvents: IctalSpan[] = [];
  /** onset of the ictal event under way (analysis.ictalOnsetMs), ms; NaN when none */
  ongoingIctalStartMs = Number.NaN;
  private lastMg = Number.NaN;
  private neurons = 1;
  private excitatory = 1;

  constructor(options: Partial<RateHistoryOptions> = {}) {
    this.binMs = options.binMs ?? 20;
    this.windowMs = options.windowMs ?? 30_000;
    this.capacity = Math.ceil(this.windowMs / this.binMs) + 1;
    this.rateSum = new Float64Array(this.capacity);
    this.weight = new Float64Array(this.capacity);
    this.mg = new Float32Array(this.capacity);
    const ring = (): Float32Array => new Float32Array(this.capacity).fill(Number.NaN);
    this.ions = { kMeanMM: ring(), kMaxMM: ring(), naMM: ring(), eKMV: ring() };
  }

  /** Forgets everything (a new network starts at t = 0). */
  reset(neurons: number, excitatory: number): void {
    this.neurons = Math.max(1, neurons);
    this.excitatory = excitatory;
    this.rateSum.fill(0);
    this.weight.fill(0);
    this.mg.fill(0);
    for (const series of ION_SERIES) this.ions[series].fill(Number.NaN);
    this.ionsBefore.fill(Number.NaN);
    this.ionsShown = false;
    this.newestBin = -1;
    this.timeMs = 0;
    this.mgMarks.length = 0;
    this.bursts.length = 0;
    this.ongoingBurstStartMs = Number.NaN;
    this.ictalEvents.length = 0;
    this.ongoingIctalStartMs = Number.NaN;
    this.lastMg = Number.NaN;
  }

  /** Adds a frame's rate bins, its [Mg]o and its newly detected bursts. */
  add(frame: Frame): void {
    const startMs = frame.startStep * frame.dtMs;
    const endMs = frame.endStep * frame.dtMs;
    const mgOutMM = frame.live.mgOutMM;
    if (mgOutMM !== this.lastMg) {
      if (!Number.isNaN(this.lastMg)) this.mgMarks.push({ timeMs: startMs, mgOutMM });
      this.lastMg = mgOutMM;
    }
    const ions = frame.ions;
    const now = this.ionsNow;
    if (ions) {
      now[0] = ions.kOutMeanMM;
      now[1] = ions.kOutMaxMM;
      now[2] = ions.naInMeanMM;
      now[3] = ions.eKMeanMV;
    } else now.fill(Number.NaN);
    this.ionsShown = ions !== null;
    const nE = this.excitatory;
    const nI = this.neurons - nE;
    const binMs = frame.rateBinMs;
    const spanMs = Math.max(1e-9, endMs - startMs);
    for (let k = 0; k < frame.rateEHz.length; k++) {
      const t0 = startMs + k * binMs;
      const duration = Math.min(binMs, endMs - t0);
      if (duration <= 0) break;
      const rateHz = (frame.rateEHz[k] * nE + frame.rateIHz[k] * nI) / this.neurons;
      this.addRate(t0 + duration / 2, rateHz, duration, mgOutMM, (t0 + duration - startMs) / spanMs);
    }
    this.ionsBefore.set(now);
    for (const burst of frame.newBursts) this.bursts.push(burst);
    if (!frame.analysis.inBurst) this.ongoingBurstStartMs = Number.NaN;
    else if (Number.isNaN(this.ongoingBurstStartMs)) this.ongoingBurstStartMs = startMs;
    for (const event of frame.newIctalEvents ?? []) this.ictalEvents.push(event);
    this.ongoingIctalStartMs = frame.analysis.ictalOnsetMs ?? Number.NaN;
    this.timeMs = Math.max(this.timeMs, endMs);
    this.prune();
  }

  /**
   * One rate bin of a frame; `along` (0..1] is how far through the frame the bin ends: the ions, known
   * at the frame's ends only, are interpolated there, so a long chunk (skipping ahead) draws a slope, not a step.
   */
  private addRate(midMs: number, rateHz: number, durationMs: number, mgOutMM: number, along: number): void {
    const bin = Math.floor(midMs / this.binMs);
    if (bin > this.newestBin) {
      // clear the slots skipped since the last bin (all of them if a long gap)
      const from = Math.max(this.newestBin + 1, bin - this.capacity + 1);
      for (let b = from; b <= bin; b++) {
        const slot = b % this.capacity;
        this.rateSum[slot] = 0;
        this.weight[slot] = 0;
        this.mg[slot] = mgOutMM;
        this.writeIons(slot, along);
      }
      this.newestBin = bin;
    } else if (bin <= this.newestBin - this.capacity) {
      return; // older than the ring
    }
    const slot = bin % this.capacity;
    this.rateSum[slot] += rateHz * durationMs;
    this.weight[slot] += durationMs;
    this.mg[slot] = mgOutMM;
    this.writeIons(slot, along);
  }

  private writeIons(slot: number, along: number): void {
    for (let s = 0; s < ION_SERIES.length; s++) {
      const before = this.ionsBefore[s];
      const now = this.ionsNow[s];
      this.ions[ION_SERIES[s]][slot] = Number.isNaN(before) ? now : before + (now - before) * along;
    }
  }

  private prune(): void {
    const oldest = this.timeMs - this.windowMs;
    while (this.mgMarks.length > 0 && (this.mgMarks[0].timeMs < oldest || this.mgMarks.length > MAX_MARKS)) this.mgMarks.shift();
    while (this.bursts.length > 0 && (this.bursts[0].endMs < oldest || this.bursts.length > MAX_MARKS)) this.bursts.shift();
    // an event stays while its postictal shade (POSTICTAL_SHADE_MS after its end) is in the window
    while (this.ictalEvents.length > 0 && (this.ictalEvents[0].endMs + POSTICTAL_SHADE_MS < oldest || this.ictalEvents.length > MAX_MARKS)) this.ictalEvents.shift();
  }

  /** Number of bins that can be read (newest back to the ring's length). */
  get binCount(): number {
    return this.newestBin < 0 ? 0 : Math.min(this.newestBin + 1, this.capacity);
  }

  /** Absolute index of the newest bin (−1 before data). */
  get newest(): number {
    return this.newestBin;
  }

  /** Rate of bin b (absolute index), Hz; NaN when the bin has no data. */
  rateAt(bin: number): number {
    const slot = bin % this.capacity;
    const w = this.weight[slot];
    return w > 0 ? this.rateSum[slot] / w : Number.NaN;
  }

  /** [Mg]o during bin b, mM. */
  mgAt(bin: number): number {
    return this.mg[bin % this.capacity];
  }

  /** An ion trace in bin b (absolute index): mM, or mV for E_K; NaN where the ions were fixed. */
  ionAt(series: IonSeries, bin: number): number {
    return this.ions[series][bin % this.capacity];
  }

  /** Mean population rate over the last spanMs of simulated time, Hz (0 before data). */
  meanRate(spanMs: number): number {
    let sum = 0;
    let weight = 0;
    const bins = Math.min(this.binCount, Math.ceil(spanMs / this.binMs));
    for (let b = this.newestBin; b > this.newestBin - bins; b--) {
      const slot = b % this.capacity;
      sum += this.rateSum[slot];
      weight += this.weight[slot];
    }
    return weight > 0 ? sum / weight : 0;
  }

  /** Largest bin rate within the window, Hz. */
  maxRate(): number {
    let most = 0;
    for (let b = this.newestBin; b > this.newestBin - this.binCount; b--) {
      const r = this.rateAt(b);
      if (r > most) most = r;
    }
    return most;
  }
}
