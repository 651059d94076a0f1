/**
 * Shapes produced by the analysis module (DOM-free). The runner, the worker and the page all use
 * the same analysis code, so a burst means the same thing everywhere.
 */

/** What the analysis needs to know about the network. */
export interface AnalysisNetwork {
  neurons: number;
  /** ids 0 .. excitatory−1 are excitatory, the rest inhibitory */
  excitatory: number;
  dtMs: number;
  /** grid for burst onset site and propagation speed; omit for a network without space */
  layout?: { width: number; height: number; siteOfNeuron: Uint32Array; siteSpacingUm: number };
}

/** One detected population burst. */
export interface BurstEvent {
  startMs: number;
  endMs: number;
  peakRateHz: number;
  /**
   * site (y · width + x) where the burst began (centroid of its first spikes); −1 without a layout,
   * or when its first spikes were not clustered (it began everywhere at once)
   */
  onsetSite: number;
  /** propagation speed across the sheet in mm/s (= µm/ms); null when it could not be estimated */
  speedMmPerS: number | null;
}

/**
 * The seizure figures of a summary (docs/MODEL.md §Ion dynamics, "Ictal events"; src/analysis/ictal.ts
 * has the definition). Over the analysed time, like the rest of AnalysisSummary.
 */
export interface IctalFigures {
  /** ictal events closed in the analysed time */
  ictalEvents: number;
  /** the present bin lies inside an episode already long enough to be an ictal event */
  inIctalEvent: boolean;
  /**
   * onset of the first ictal event of the analysed time, ms — known online as soon as an episode is
   * long enough to be one, before it ends; null when none
   */
  firstIctalMs: number | null;
  /** onset of the ictal event under way, ms; null when none is (for the page's timeline) */
  ictalOnsetMs: number | null;
  /** mean rate 5 s after an event ÷ 5 s before it, averaged over the events that have one; null when none */
  postictalRateRatio: number | null;
  /** bursts outside every ictal event, and their rate per second of the time outside events */
  interictalBursts: number;
  interictalBurstRateHz: number;
  /** the highest [K⁺]o of any patch in the latest chunk, mM; NaN without ion samples */
  kOutMaxMM: number;
  /** …its highest value over the analysed time, mM; NaN without ion samples */
  kOutPeakMM: number;
}

/** Summary statistics of a run (or of the run so far, online). */
export interface AnalysisSummary extends IctalFigures {
  /** the analysed time: since the analyser's start or its last resetStatistics() */
  timeMs: number;
  spikes: number;
  /** mean rates over the analysed time */
  rateHz: number;
  rateEHz: number;
  rateIHz: number;
  /** the present smoothed population rate (all cells) */
  smoothedRateHz: number;
  bursts: number;
  burstRateHz: number;
  /** fraction of the analysed time spent inside bursts, 0..1 */
  burstFraction: number;
  inBurst: boolean;
  /** mean coefficient of variation of inter-spike intervals over cells with ≥ 3 spikes; NaN if none */
  cvIsi: number;
  /** Golomb–Rinzel synchrony χ (≈ 1/√N asynchronous, → 1 synchronous); NaN if not computable */
  synchrony: number;
  /** the clock: simulated time at the end of the last chunk, ms */
  endMs?: number;
  /** the present burst threshold on the smoothed rate, Hz per cell */
  thresholdHz?: number;
  /** the present running median of the smoothed rate, Hz per cell (0 until it has enough history) */
  medianRateHz?: number;
}

/**
 * Tunables of the analysis. Every field is optional; the defaults (constants.ts) are the documented
 * burst definition, so leave them alone unless a test or an experiment says why.
 */
export interface AnalysisOptions {
  /** population-rate bin width, ms (rounded to whole steps) @default BIN_MS */
  binMs?: number;
  /** time constant of the causal exponential smoothing kernel, ms @default SMOOTHING_TAU_MS */
  smoothingTauMs?: number;
  /** burst threshold = max(thresholdFactor × running median, thresholdFloorHz) @default BURST_THRESHOLD_FACTOR */
  thresholdFactor?: number;
  /** lowest burst threshold, Hz per cell @default BURST_THRESHOLD_FLOOR_HZ */
  thresholdFloorHz?: number;
  /** shortest burst (after merging), ms @default MIN_BURST_MS */
  minBurstMs?: number;
  /** excursions separated by a gap shorter than this are one burst, ms @default BURST_MERGE_MS */
  mergeMs?: number;
  /** window of the running median, ms @default MEDIAN_WINDOW_MS */
  medianWindowMs?: number;
  /** the median's history before it is used (until then the threshold is the floor), ms @default MEDIAN_MIN_MS */
  medianMinMs?: number;
  /** time constant of the spike-train filter used by the synchrony index χ, ms @default SYNC_TAU_MS */
  syncTauMs?: number;
  /** how much smoothed-rate history rateTrace() can return, ms @default RATE_HISTORY_MS */
  rateHistoryMs?: number;
  /** the step at which analysis starts (the first chunk covers [startStep, endStep)) @default 0 */
  startStep?: number;
}

/**
 * The highest [K⁺]o of any patch through a run, for the offline analysis (analyseRun): sample j
 * stands for the steps [startStep + j·stepsPerSample, startStep + (j + 1)·stepsPerSample), as one
 * chunk does online.
 */
export interface KOutTrace {
  stepsPerSample: number;
  /** mM, one per sample; ⌈durationSteps / stepsPerSample⌉ of them */
  maxMM: ArrayLike<number>;
}

/** The recent smoothed population rate, oldest first, one value per bin. */
export interface RateTrace {
  binMs: number;
  /** simulated time at the end of the last bin, ms */
  endMs: number;
  allHz: Float32Array;
  eHz: Float32Array;
  iHz: Float32Array;
  /** the burst threshold in force at each bin, Hz per cell */
  thresholdHz: Float32Array;
}
