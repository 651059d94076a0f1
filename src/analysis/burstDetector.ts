/**
 * Population-burst detection on the smoothed rate, one bin at a time (the definition is in
 * constants.ts). It sees only the sequence of per-bin smoothed rates, so it gives the same bursts
 * whether the run is fed at once or chunk by chunk.
 *
 * States: idle → (rate > θ) → above ⇄ gap → closed after `mergeBins` below-threshold bins, or at
 * finish(). An episode is confirmed once it spans `minBins` from its first to its latest
 * above-threshold bin; it is reported if confirmed when it closes, else rejected.
 */
import { RunningMedian } from './runningMedian';

export interface BurstDetectorSettings {
  binMs: number;
  thresholdFactor: number;
  thresholdFloorHz: number;
  minBurstMs: number;
  mergeMs: number;
  medianWindowMs: number;
  medianSampleMs: number;
  medianMinMs: number;
}

/** What one push() or finish() did. */
export const DETECTOR_NONE = 0;
/** A new episode began at this bin (rate crossed θ from idle). */
export const DETECTOR_OPENED = 1;
/** An episode ended and is a burst: read closedStartBin, closedEndBin, closedPeakHz. */
export const DETECTOR_CLOSED = 2;
/** An episode ended too short to be a burst. */
export const DETECTOR_REJECTED = 3;

export class BurstDetector {
  readonly binMs: number;
  /** shortest burst, first to last above-threshold bin inclusive, in bins */
  readonly minBins: number;
  /** an episode ends after this many consecutive below-threshold bins */
  readonly mergeBins: number;
  private readonly factor: number;
  private readonly floorHz: number;
  private readonly sampleBins: number;
  private readonly medianMinSamples: number;
  private readonly median: RunningMedian;

  /** bins pushed so far; the next push is bin number `bins` */
  bins = 0;
  /** θ in force for the next bin, Hz per cell */
  thresholdHz: number;
  /** the running median in use (0 until it has medianMinMs of history), Hz per cell */
  medianHz = 0;
  /** the running median of whatever history exists (even before medianMinMs), Hz per cell; 0 if none */
  baselineHz = 0;

  /** an episode is under way (above threshold, or in a gap that may still merge) */
  inEpisode = false;
  /** the last bin pushed was above threshold */
  above = false;
  /** the episode is already long enough to be a burst */
  confirmed = false;
  startBin = 0;
  lastAboveBin = 0;
  peakHz = 0;

  closedStartBin = 0;
  /** exclusive: the burst covers bins [closedStartBin, closedEndBin) */
  closedEndBin = 0;
  closedPeakHz = 0;
  /** the burst was still above threshold when finish() closed it */
  closedAtRunEnd = false;
  finished = false;

  constructor(s: BurstDetectorSettings) {
    this.binMs = s.binMs;
    this.factor = s.thresholdFactor;
    this.floorHz = s.thresholdFloorHz;
    this.minBins = Math.max(1, Math.round(s.minBurstMs / s.binMs));
    this.mergeBins = Math.max(1, Math.round(s.mergeMs / s.binMs));
    this.sampleBins = Math.max(1, Math.round(s.medianSampleMs / s.binMs));
    const samples = Math.max(1, Math.round(s.medianWindowMs / (this.sampleBins * s.binMs)));
    this.medianMinSamples = Math.min(samples, Math.max(1, Math.round(s.medianMinMs / (this.sampleBins * s.binMs))));
    this.median = new RunningMedian(samples);
    this.thresholdHz = this.floorHz;
  }

  /** Feeds the smoothed rate of the next bin; returns DETECTOR_NONE, _OPENED, _CLOSED or _REJECTED. */
  push(rateHz: number): number {
    if (this.finished) throw new Error('BurstDetector: push after finish');
    const bin = this.bins++;
    let event = DETECTOR_NONE;
    const isAbove = rateHz > this.thresholdHz;
    if (isAbove) {
      if (!this.inEpisode) {
        this.inEpisode = true;
        this.confirmed = false;
        this.startBin = bin;
        this.peakHz = rateHz;
        event = DETECTOR_OPENED;
      } else if (rateHz > this.peakHz) {
        this.peakHz = rateHz;
      }
      this.lastAboveBin = bin;
      if (bin - this.startBin + 1 >= this.minBins) this.confirmed = true;
    } else if (this.inEpisode && bin - this.lastAboveBin >= this.mergeBins) {
      event = this.close(false);
    }
    this.above = isAbove;

    if ((bin + 1) % this.sampleBins === 0) {
      this.median.push(rateHz);
      this.baselineHz = this.median.median();
      this.medianHz = this.median.size >= this.medianMinSamples ? this.baselineHz : 0;
      this.thresholdHz = Math.max(this.factor * this.medianHz, this.floorHz);
    }
    return event;
  }

  /** The run is over: closes an open episode (at the run end if still above). */
  finish(): number {
    if (this.finished) return DETECTOR_NONE;
    this.finished = true;
    return this.inEpisode ? this.close(this.above) : DETECTOR_NONE;
  }

  /** Is the present bin certainly inside a burst that will be reported? */
  get inBurst(): boolean {
    return this.inEpisode && this.above && this.confirmed;
  }

  private close(atRunEnd: boolean): number {
    this.inEpisode = false;
    this.above = false;
    if (!this.confirmed) return DETECTOR_REJECTED;
    this.closedStartBin = this.startBin;
    this.closedEndBin = this.lastAboveBin + 1;
    this.closedPeakHz = this.peakHz;
    this.closedAtRunEnd = atRunEnd;
    return DETECTOR_CLOSED;
  }
}
