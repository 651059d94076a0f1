/**
 * The analysis tunables, each with its unit, in one place. Together they ARE the definition of a
 * population burst used by the runner, the worker, the page and the tests (docs/MODEL.md
 * §Analysis):
 *
 *   Spikes are counted in BIN_MS bins and smoothed with a causal exponential kernel of time constant
 *   SMOOTHING_TAU_MS, giving the population rate in Hz per cell. The threshold is
 *       θ = max(BURST_THRESHOLD_FACTOR × median, BURST_THRESHOLD_FLOOR_HZ),
 *   where the median is the running median of the smoothed rate over the last MEDIAN_WINDOW_MS
 *   (sampled every MEDIAN_SAMPLE_MS; taken as 0, so θ is the floor, until MEDIAN_MIN_MS of history
 *   exists). An excursion is a run of bins whose smoothed rate is > θ. Excursions separated by
 *   fewer than BURST_MERGE_MS of below-threshold bins are merged; a merged interval is a burst if it
 *   lasts at least MIN_BURST_MS from its first to its last above-threshold bin (shorter ones are
 *   rejected). A burst is reported once it has ended, i.e. BURST_MERGE_MS after its last
 *   above-threshold bin, or at the end of a finished run (ending at the run end if still above).
 *
 * The causal kernel delays the trace: a burst's start and end are those of the smoothed rate, about
 * SMOOTHING_TAU_MS · ln(peak / θ) late at the end and ~1 ms late at a sharp start.
 * The median includes burst time, so a state that fills more than half of the median window
 * (sustained tonic firing) becomes the baseline and is not a burst. The flip side: a sustained step
 * up in rate (a live drop of [Mg]o, or a run that starts in a tonic state above the floor) reads as
 * one burst until the median catches up — about half the window after a step, or MEDIAN_MIN_MS
 * into a run. Discard warm-up (OnlineAnalyser.resetStatistics) before quoting statistics.
 */

/** Population-rate bin width, ms. */
export const BIN_MS = 1;
/** Causal exponential smoothing of the binned rate, ms ("smoothed population rate": docs/MODEL.md §Analysis). */
export const SMOOTHING_TAU_MS = 5;

/** Burst threshold: this many times the running median of the smoothed rate ("5 ×": docs/MODEL.md §Analysis). */
export const BURST_THRESHOLD_FACTOR = 5;
/** …but never below this, Hz per cell (docs/MODEL.md §Analysis: "at least 5–20 Hz"). */
export const BURST_THRESHOLD_FLOOR_HZ = 15;
/** Shortest burst, ms, first to last above-threshold bin after merging (docs/MODEL.md §Analysis). */
export const MIN_BURST_MS = 20;
/** Excursions closer than this are one burst, ms. */
export const BURST_MERGE_MS = 50;

/**
 * Running median of the smoothed rate: window, ms. Two inter-burst intervals at low Mg
 * (docs/MODEL.md §The sheet: ≈ 0.9–1.2 s), so bursts filling ~30 % of the time leave the median at
 * the baseline, yet a change of state is absorbed within ~1 s.
 */
export const MEDIAN_WINDOW_MS = 2000;
/** …sampled every this many ms (the smoothed rate changes little within it). */
export const MEDIAN_SAMPLE_MS = 10;
/**
 * …and used only once this much history exists, ms; before that the threshold is the floor, so a
 * burst at the very start (up to ~MEDIAN_MIN_MS / 2 long) is not taken for the baseline.
 */
export const MEDIAN_MIN_MS = 200;

/** Burst onset: how far before the threshold crossing the onset search may look, ms. */
export const ONSET_LOOKBACK_MS = 50;
/**
 * The onset is the start of the run of bins, ending at the crossing, whose raw spike count exceeds
 * baseline + ONSET_LEVEL_SDS·√baseline + 1 (baseline: the running median as spikes per bin): the
 * earliest time the count is clearly above Poisson background. (A level midway to θ started slow
 * waves ~7 ms late, and their first cells then entered the fit with their second spikes.)
 */
export const ONSET_LEVEL_SDS = 3;
/** …minus this guard, ms: a young front stays below that level for a ms or two (longer when slow). */
export const ONSET_GUARD_MS = 2;
/** Burst onset site: centroid of the cells whose first spike falls in this window after onset, ms. */
export const ONSET_WINDOW_MS = 5;
/** Fewest such cells for an onset site. */
export const MIN_ONSET_CELLS = 8;
/**
 * …and how clustered they must be: the mean resultant length of their positions as angles on each
 * torus axis (1: one column/row; a Gaussian blob of σ sites on a W-site axis: e^(−(2πσ/W)²/2), 0.6
 * for σ = W/6; uniform: ≈ 1/√n). Below it the burst began everywhere at once: onset −1, speed null.
 */
export const ONSET_MIN_CONCENTRATION = 0.3;
/** Propagation speed: width of the distance rings whose median first-spike times are fitted, sites. */
export const SPEED_RING_WIDTH_SITES = 2;
/** Fewest cells for a ring to enter the fit. */
export const SPEED_MIN_RING_CELLS = 5;
/** Fewest rings for a fit. */
export const SPEED_MIN_RINGS = 4;
/** Least fraction of the ring medians' variance the line must explain (else no speed: not a wave). */
export const SPEED_MIN_R2 = 0.5;

/** Synchrony χ: time constant of the exponential filter applied to each cell's spike train, ms. */
export const SYNC_TAU_MS = 10;
/**
 * The χ sums start this many SYNC_TAU_MS after the analyser starts: every filter starts from 0, and
 * that common rise would otherwise count as population variance (∝ N², swamping the ∝ N of an
 * asynchronous network: with 2500 cells it doubled χ² in a 5-s run). e⁻⁵ leaves 0.7 % of it.
 */
export const SYNC_WARMUP_TAUS = 5;

/** Smoothed-rate history kept for rateTrace(), ms. */
export const RATE_HISTORY_MS = 10_000;
