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
  /** site (y · width + x) where the burst began (centroid of its first spikes); −1 without a layout */
  onsetSite: number;
  /** propagation speed across the sheet in mm/s (= µm/ms); null when it could not be estimated */
  speedMmPerS: number | null;
}

/** Summary statistics of a run (or of the run so far, online). */
export interface AnalysisSummary {
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
}
