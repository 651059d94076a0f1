/**
 * Ictal events told apart from the short population bursts, online (bin by bin, chunk by chunk) or
 * offline (analyseIctal), with the same result either way: the detector sees only the sequence of
 * bin rates. The definition (docs/MODEL.md §Ion dynamics, "Ictal events"):
 *
 *   The population rate (Hz per cell) is averaged in coarse bins of ICTAL_BIN_MS. A bin is raised if
 *   its rate exceeds θ = max(ICTAL_THRESHOLD_FACTOR × baseline, ICTAL_THRESHOLD_FLOOR_HZ), where the
 *   baseline is the running median of the bins that were not raised (and not above
 *   ICTAL_BASELINE_CAP_HZ), over the last ICTAL_BASELINE_WINDOW_MS of such bins: the rate between
 *   discharges (0 while there is none). No bin is raised in the first ICTAL_BASELINE_MIN_MS, so an
 *   event under way at the start is dated from then. Raised bins separated by fewer than ICTAL_MERGE_MS of other bins form one
 *   episode. An episode lasting at least ICTAL_MIN_MS from its first to its last raised bin is an
 *   ictal event; a shorter one is an interictal discharge. An event is reported once ICTAL_MERGE_MS
 *   have passed after its last raised bin (or at finish()).
 *
 * Why this and not the burst detector (constants.ts): that one's threshold follows a 2-s running
 * median, so a 20-s event becomes its own baseline and vanishes; and a median of all bins rises to
 * the discharges' level once they fill half the time, as they do at zero Mg. Here neither an event
 * nor the discharges enter the baseline. The flip side: a lasting jump of the rate above θ mid-run
 * (a live step of [K]bath into tonic firing) is one event for as long as it lasts, as status
 * epilepticus would be; slow drifts below θ are followed; a run that starts in an asynchronous
 * state below the cap takes it as its baseline.
 *
 * Each event carries its peak [K⁺]o (the highest value pushed with its bins) and the postictal ratio:
 * the mean rate over the ICTAL_POST_WINDOW_MS after its end ÷ the mean over the ICTAL_POST_WINDOW_MS
 * before its onset (null until the window after has passed, or with < 1 s of history before).
 * Nothing is allocated per bin; one object per event.
 */
import { RunningMedian } from './runningMedian';

/** Coarse bin of the ictal detector, ms: short against an event, long against a spike burst. */
export const ICTAL_BIN_MS = 100;
/** Shortest ictal event, first to last raised bin, ms (the issue: "raised for at least 2 s"). */
export const ICTAL_MIN_MS = 2000;
/** Raised bins closer than this are one episode, ms: merges the brief gaps of a clonic phase. */
export const ICTAL_MERGE_MS = 500;
/** θ: this many times the slow baseline… */
export const ICTAL_THRESHOLD_FACTOR = 5;
/** …but never below this, Hz per cell (the sheet fires ≈ 5–6 Hz asynchronously in the normal bath). */
export const ICTAL_THRESHOLD_FLOOR_HZ = 20;
/** The slow baseline: running median of the coarse-bin rate over this window, ms. */
export const ICTAL_BASELINE_WINDOW_MS = 120_000;
/** No bin is raised in the first this many ms of the analysis (the baseline is forming). */
export const ICTAL_BASELINE_MIN_MS = 2000;
/**
 * Bins above this rate never enter the baseline, Hz per cell: no asynchronous state of cortex
 * averages 50 Hz per cell, so a run that starts inside an event does not take the event as baseline.
 */
export const ICTAL_BASELINE_CAP_HZ = 50;
/** The postictal ratio compares this long after an event with this long before it, ms. */
export const ICTAL_POST_WINDOW_MS = 5000;

/** The postictal ratio needs at least this much history before the onset, ms. */
const PRE_WINDOW_MIN_MS = 1000;

export interface IctalSettings {
  /** width of the bins pushed (fine bins, averaged into ICTAL_BIN_MS), ms */
  fineBinMs: number;
  binMs: number;
  minEventMs: number;
  mergeMs: number;
  thresholdFactor: number;
  thresholdFloorHz: number;
  baselineWindowMs: number;
  baselineMinMs: number;
  baselineCapHz: number;
  postWindowMs: number;
  /** absolute time of the first bin pushed, ms */
  startMs: number;
}

export const DEFAULT_ICTAL_SETTINGS: Readonly<IctalSettings> = Object.freeze({
  fineBinMs: ICTAL_BIN_MS,
  binMs: ICTAL_BIN_MS,
  minEventMs: ICTAL_MIN_MS,
  mergeMs: ICTAL_MERGE_MS,
  thresholdFactor: ICTAL_THRESHOLD_FACTOR,
  thresholdFloorHz: ICTAL_THRESHOLD_FLOOR_HZ,
  baselineWindowMs: ICTAL_BASELINE_WINDOW_MS,
  baselineMinMs: ICTAL_BASELINE_MIN_MS,
  baselineCapHz: ICTAL_BASELINE_CAP_HZ,
  postWindowMs: ICTAL_POST_WINDOW_MS,
  startMs: 0,
});

export interface IctalEvent {
  startMs: number;
  endMs: number;
  durationMs: number;
  /** highest [K⁺]o pushed during the event, mM (NaN when none was pushed) */
  kOutPeakMM: number;
  /** mean rate in the window before the onset (NaN with < 1 s of history) and after the end, Hz per cell */
  preRateHz: number;
  postRateHz: number | null;
  /** postRateHz / preRateHz; null until the window after has passed (or too little history before) */
  postictalRatio: number | null;
  /** still raised when finish() closed it */
  atRunEnd: boolean;
}

export interface IctalSummary {
  events: IctalEvent[];
  /** onset of the first ictal event, ms; null when none */
  firstIctalMs: number | null;
  /** mean of the events' postictal ratios (those known); null when none */
  postictalRateRatio: number | null;
  /** episodes shorter than minEventMs */
  interictalDischarges: number;
  /** …per second of the time outside ictal events */
  interictalRatePerS: number;
  /** time analysed, ms */
  durationMs: number;
}

/** What one pushed coarse bin did. */
export const ICTAL_NONE = 0;
export const ICTAL_EVENT_CLOSED = 1;
export const ICTAL_DISCHARGE = 2;

export class IctalDetector {
  readonly settings: Readonly<IctalSettings>;
  readonly events: IctalEvent[] = [];
  readonly finePerBin: number;
  readonly binMs: number;
  /** θ in force for the next coarse bin, Hz per cell */
  thresholdHz: number;
  interictalDischarges = 0;
  /** coarse bins completed */
  bins = 0;

  private readonly minBins: number;
  private readonly mergeBins: number;
  private readonly postBins: number;
  private readonly baselineMinBins: number;
  private readonly median: RunningMedian;
  /** the last postBins coarse rates, for the window before an onset */
  private readonly history: Float64Array;
  private fineCount = 0;
  private fineSum = 0;
  private fineKMax = -Infinity;

  private inEpisode = false;
  private startBin = 0;
  private lastRaisedBin = 0;
  private kPeak = -Infinity;
  private preRate = NaN;
  private ictalBins = 0;
  /** each event's first bin after its end; events from pendingFrom on still fill their window after */
  private readonly endBins: number[] = [];
  private pendingFrom = 0;
  private finished = false;

  constructor(settings: Partial<IctalSettings> = {}) {
    const s = { ...DEFAULT_ICTAL_SETTINGS, ...settings };
    for (const key of ['fineBinMs', 'binMs', 'minEventMs', 'mergeMs', 'baselineWindowMs', 'postWindowMs'] as const) {
      if (!(s[key] > 0) || !Number.isFinite(s[key])) throw new RangeError(`ictal: ${key} must be a positive number of ms, got ${s[key]}`);
    }
    if (s.mergeMs > s.postWindowMs) throw new RangeError(`ictal: mergeMs (${s.mergeMs}) must not exceed postWindowMs (${s.postWindowMs})`);
    if (!(s.thresholdFactor >= 0) || !(s.thresholdFloorHz >= 0) || !(s.baselineMinMs >= 0) || !(s.baselineCapHz >= 0)) {
      throw new RangeError('ictal: thresholdFactor, thresholdFloorHz, baselineMinMs and baselineCapHz must be ≥ 0');
    }
    this.settings = Object.freeze(s);
    this.finePerBin = Math.max(1, Math.round(s.binMs / s.fineBinMs));
    this.binMs = this.finePerBin * s.fineBinMs;
    this.minBins = Math.max(1, Math.round(s.minEventMs / this.binMs));
    this.mergeBins = Math.max(1, Math.round(s.mergeMs / this.binMs));
    this.postBins = Math.max(1, Math.round(s.postWindowMs / this.binMs));
    const window = Math.max(1, Math.round(s.baselineWindowMs / this.binMs));
    this.baselineMinBins = Math.min(window, Math.round(s.baselineMinMs / this.binMs));
    this.median = new RunningMedian(window);
    this.history = new Float64Array(this.postBins);
    this.thresholdHz = s.thresholdFloorHz;
  }

  /**
   * Feeds the population rate of the next fine bin (Hz per cell) and, optionally, the highest [K⁺]o
   * at that time (mM). Returns ICTAL_NONE, or what the coarse bin it completed did.
   */
  push(rateHz: number, kOutMM = NaN): number {
    if (this.finished) throw new Error('IctalDetector: push after finish');
    this.fineSum += rateHz;
    if (kOutMM > this.fineKMax) this.fineKMax = kOutMM;
    if (++this.fineCount < this.finePerBin) return ICTAL_NONE;
    const rate = this.fineSum / this.finePerBin;
    const k = this.fineKMax;
    this.fineSum = 0;
    this.fineCount = 0;
    this.fineKMax = -Infinity;
    return this.pushBin(rate, k);
  }

  /** Closes an open episode (at the run end) and ends the analysis. */
  finish(): number {
    if (this.finished) return ICTAL_NONE;
    this.finished = true;
    return this.inEpisode ? this.close(this.lastRaisedBin === this.bins - 1) : ICTAL_NONE;
  }

  /** Whether the present coarse bin is inside an episode already long enough to be an ictal event. */
  get inIctalEvent(): boolean {
    return this.inEpisode && this.lastRaisedBin - this.startBin + 1 >= this.minBins;
  }

  /** Onset of the episode under way (ictal or not yet known), ms; NaN when none is open. */
  get episodeStartMs(): number {
    return this.inEpisode ? this.settings.startMs + this.startBin * this.binMs : NaN;
  }

  /** The highest [K⁺]o pushed during the episode under way, mM (NaN when none is open or none was pushed). */
  get episodeKOutPeakMM(): number {
    return this.inEpisode && this.kPeak > -Infinity ? this.kPeak : NaN;
  }

  /** The end of the last raised bin of the episode under way, ms; NaN when none is open. */
  get episodeRaisedEndMs(): number {
    return this.inEpisode ? this.settings.startMs + (this.lastRaisedBin + 1) * this.binMs : NaN;
  }

  /** The end of the last coarse bin pushed (the detector's clock), ms. */
  get nowMs(): number {
    return this.settings.startMs + this.bins * this.binMs;
  }

  summary(): IctalSummary {
    const events = this.events;
    let ratioSum = 0;
    let ratios = 0;
    for (const e of events) {
      if (e.postictalRatio !== null) {
        ratioSum += e.postictalRatio;
        ratios++;
      }
    }
    const durationMs = this.bins * this.binMs;
    const outsideS = Math.max(0, (this.bins - this.ictalBins) * this.binMs) / 1000;
    return {
      events: events.slice(),
      firstIctalMs: events.length > 0 ? events[0].startMs : null,
      postictalRateRatio: ratios > 0 ? ratioSum / ratios : null,
      interictalDischarges: this.interictalDischarges,
      interictalRatePerS: outsideS > 0 ? this.interictalDischarges / outsideS : 0,
      durationMs,
    };
  }

  private pushBin(rate: number, kOut: number): number {
    const bin = this.bins++;
    let result = ICTAL_NONE;
    // no episode opens before the baseline exists, so a run that starts in a high state takes it as baseline
    const raised = rate > this.thresholdHz && bin >= this.baselineMinBins;
    if (raised && !this.inEpisode) {
      this.inEpisode = true;
      this.startBin = bin;
      this.kPeak = -Infinity;
      // the window before the onset: the history ring holds the bins before this one
      const have = Math.min(bin, this.postBins);
      let sum = 0;
      for (let j = 0; j < have; j++) sum += this.history[j];
      this.preRate = have > 0 && have * this.binMs >= PRE_WINDOW_MIN_MS ? sum / have : NaN;
    }
    this.history[bin % this.postBins] = rate;
    if (this.inEpisode && kOut > this.kPeak) this.kPeak = kOut;
    if (raised) this.lastRaisedBin = bin;
    else if (this.inEpisode && bin - this.lastRaisedBin >= this.mergeBins) result = this.close(false);

    // an event's window after is complete when its last bin is in the ring (mergeBins ≤ postBins)
    while (this.pendingFrom < this.events.length && bin === this.endBins[this.pendingFrom] + this.postBins - 1) {
      const ev = this.events[this.pendingFrom++];
      let sum = 0;
      for (let j = 0; j < this.postBins; j++) sum += this.history[j];
      ev.postRateHz = sum / this.postBins;
      ev.postictalRatio = ev.preRateHz > 0 ? ev.postRateHz / ev.preRateHz : null;
    }

    // the baseline is the rate between episodes: raised bins, and any above the cap, never enter it
    if (!raised && rate <= this.settings.baselineCapHz) this.median.push(rate);
    const baseline = this.median.size > 0 ? this.median.median() : 0;
    this.thresholdHz = Math.max(this.settings.thresholdFactor * baseline, this.settings.thresholdFloorHz);
    return result;
  }

  private close(atRunEnd: boolean): number {
    this.inEpisode = false;
    const lengthBins = this.lastRaisedBin - this.startBin + 1;
    if (lengthBins < this.minBins) {
      this.interictalDischarges++;
      return ICTAL_DISCHARGE;
    }
    this.ictalBins += lengthBins;
    const t0 = this.settings.startMs;
    const startMs = t0 + this.startBin * this.binMs;
    const endMs = t0 + (this.lastRaisedBin + 1) * this.binMs;
    this.endBins.push(this.lastRaisedBin + 1);
    this.events.push({
      startMs,
      endMs,
      durationMs: endMs - startMs,
      kOutPeakMM: this.kPeak === -Infinity ? NaN : this.kPeak,
      preRateHz: this.preRate,
      postRateHz: null,
      postictalRatio: null,
      atRunEnd,
    });
    return ICTAL_EVENT_CLOSED;
  }
}

/**
 * The whole run at once: population rate per fine bin (Hz per cell) and, optionally, the highest
 * [K⁺]o per fine bin. The same as pushing bin by bin and calling finish().
 */
export function analyseIctal(rateHz: ArrayLike<number>, settings: Partial<IctalSettings> = {}, kOutMM?: ArrayLike<number>): IctalSummary {
  if (kOutMM && kOutMM.length !== rateHz.length) throw new RangeError(`ictal: kOutMM has ${kOutMM.length} bins for ${rateHz.length} rate bins`);
  const d = new IctalDetector(settings);
  for (let b = 0; b < rateHz.length; b++) d.push(rateHz[b], kOutMM ? kOutMM[b] : NaN);
  d.finish();
  return d.summary();
}
