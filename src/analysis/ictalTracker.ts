/**
 * The seizure half of the online analysis (docs/MODEL.md §Ion dynamics, "Ictal events"): the ictal
 * detector (ictal.ts) fed the raw population rate of every analysis bin with the [K⁺]o of its chunk,
 * and the bursts of the burst detector sorted into interictal (outside every ictal event) and ictal.
 * OnlineAnalyser owns one; it sees the same sequence of bins however the run is cut into chunks.
 *
 * A burst cannot always be sorted when it closes: an ictal episode is known to be one only 2 s
 * after its onset and ends 0.5 s after its last raised bin, and a burst at its onset closes before
 * that. So a closed burst waits (in `pending`) until the detector's clock has passed its end and no
 * open episode could still overlap it. The wait is bounded: once an episode is long enough to be
 * an event, every burst that overlaps its raised part is ictal at once, so only the bursts of its
 * last ≈ 0.5 s wait. The pending list holds the analyser's own BurstEvent objects; nothing is
 * allocated per bin.
 *
 * Statistics follow the analyser's resetStatistics(): ictal events, ictal time and interictal
 * bursts count from the reset on (an event under way counts its part after it), [K⁺]o peak too.
 */
import { IctalDetector, ICTAL_EVENT_CLOSED } from './ictal';
import type { IctalEvent } from './ictal';
import type { BurstEvent, IctalFigures } from './types';

export class IctalTracker {
  readonly detector: IctalDetector;

  private kOutNowMM = Number.NaN;
  private kOutPeak = -Infinity;
  private statsStartMs: number;
  /** the first of detector.events in the analysed time */
  private eventsFrom = 0;
  /** time inside closed ictal events, after statsStartMs, ms */
  private ictalMs = 0;
  private interictal = 0;
  private readonly pending: BurstEvent[] = [];
  private readonly newEvents: IctalEvent[] = [];
  private finished = false;

  /** `fineBinMs`: the analysis bin width; `startMs`: the time of the first bin. */
  constructor(fineBinMs: number, startMs: number) {
    this.detector = new IctalDetector({ fineBinMs, startMs });
    this.statsStartMs = startMs;
  }

  /** The highest [K⁺]o of any patch for the bins completed from now on (once per chunk); NaN: none. */
  setKOut(kOutMaxMM: number): void {
    this.kOutNowMM = kOutMaxMM;
    if (kOutMaxMM > this.kOutPeak) this.kOutPeak = kOutMaxMM;
  }

  /** One completed analysis bin: its raw population rate, Hz per cell. */
  pushBin(rateHz: number): void {
    const d = this.detector;
    const bins = d.bins;
    if (d.push(rateHz, this.kOutNowMM) === ICTAL_EVENT_CLOSED) this.eventClosed();
    // a coarse bin completed: the clock moved, pending bursts may be sorted
    if (d.bins !== bins && this.pending.length > 0) this.sortPending(false);
  }

  /** A burst the burst detector reported (in order of their ends). */
  addBurst(burst: BurstEvent): void {
    this.pending.push(burst);
    if (this.finished) this.sortPending(true);
  }

  /** The run is over: closes an episode under way; bursts reported after this are sorted at once. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.detector.finish() === ICTAL_EVENT_CLOSED) this.eventClosed();
    this.sortPending(true);
  }

  resetStatistics(nowMs: number): void {
    this.statsStartMs = nowMs;
    this.eventsFrom = this.detector.events.length;
    this.ictalMs = 0;
    this.interictal = 0;
    this.kOutPeak = Number.isNaN(this.kOutNowMM) ? -Infinity : this.kOutNowMM;
  }

  /** The ictal events that closed since the last call, oldest first (their postictal ratio fills in later). */
  takeNewEvents(): IctalEvent[] {
    return this.newEvents.splice(0, this.newEvents.length);
  }

  /** Copies of the ictal events of the analysed time, with their postictal ratios as known now. */
  /** The ictal event under way (an episode already long enough), up to its last raised bin; null when none. */
  eventUnderWay(): { startMs: number; endMs: number; kOutPeakMM: number } | null {
    const d = this.detector;
    if (this.finished || !d.inIctalEvent) return null;
    return { startMs: d.episodeStartMs, endMs: d.episodeRaisedEndMs, kOutPeakMM: d.episodeKOutPeakMM };
  }

  events(): IctalEvent[] {
    return this.detector.events.slice(this.eventsFrom).map((e) => ({ ...e }));
  }

  /** The figures over `timeMs` of analysed time. */
  figures(timeMs: number): IctalFigures {
    const d = this.detector;
    const events = d.events;
    let ratioSum = 0;
    let ratios = 0;
    for (let k = this.eventsFrom; k < events.length; k++) {
      const ratio = events[k].postictalRatio;
      if (ratio !== null) {
        ratioSum += ratio;
        ratios++;
      }
    }
    let ictalMs = this.ictalMs;
    const inIctalEvent = !this.finished && d.inIctalEvent;
    if (inIctalEvent) ictalMs += Math.max(0, d.episodeRaisedEndMs - Math.max(d.episodeStartMs, this.statsStartMs));
    const outsideS = (timeMs - ictalMs) / 1000;
    return {
      ictalEvents: events.length - this.eventsFrom,
      inIctalEvent,
      ictalOnsetMs: inIctalEvent ? d.episodeStartMs : null,
      firstIctalMs: events.length > this.eventsFrom ? events[this.eventsFrom].startMs : inIctalEvent ? d.episodeStartMs : null,
      postictalRateRatio: ratios > 0 ? ratioSum / ratios : null,
      interictalBursts: this.interictal,
      interictalBurstRateHz: outsideS > 0 ? this.interictal / outsideS : Number.NaN,
      kOutMaxMM: this.kOutNowMM,
      kOutPeakMM: this.kOutPeak === -Infinity ? Number.NaN : this.kOutPeak,
    };
  }

  private eventClosed(): void {
    const events = this.detector.events;
    const e = events[events.length - 1];
    this.ictalMs += Math.max(0, e.endMs - Math.max(e.startMs, this.statsStartMs));
    this.newEvents.push(e);
  }

  /**
   * Sorts the pending bursts that can be sorted now (all of them when `final`): ictal if it overlaps
   * a closed event or the raised part of an episode already long enough to be one; interictal once
   * no episode can overlap it any more. The pending list keeps its order; sorted ones leave it.
   */
  private sortPending(final: boolean): void {
    const d = this.detector;
    const nowMs = d.nowMs;
    const episodeStart = d.episodeStartMs; // NaN when no episode is open
    const ictalOpen = d.inIctalEvent;
    const raisedEnd = d.episodeRaisedEndMs;
    const pending = this.pending;
    let kept = 0;
    for (let k = 0; k < pending.length; k++) {
      const b = pending[k];
      let verdict: 'ictal' | 'interictal' | 'wait';
      if (this.overlapsClosedEvent(b)) verdict = 'ictal';
      else if (final) verdict = 'interictal';
      else if (b.endMs > nowMs) verdict = 'wait'; // an episode may yet open in the coarse bin now filling
      else if (!(b.endMs > episodeStart)) verdict = 'interictal'; // ends before the open episode, or none is open
      else if (ictalOpen && b.startMs < raisedEnd) verdict = 'ictal';
      else verdict = 'wait';
      if (verdict === 'wait') pending[kept++] = b;
      else if (verdict === 'interictal' && b.endMs > this.statsStartMs) this.interictal++;
    }
    pending.length = kept;
  }

  private overlapsClosedEvent(b: BurstEvent): boolean {
    const events = this.detector.events;
    // events are in time order: look back until one ends before the burst starts
    for (let k = events.length - 1; k >= 0; k--) {
      const e = events[k];
      if (e.endMs <= b.startMs) return false;
      if (e.startMs < b.endMs) return true;
    }
    return false;
  }
}
