/**
 * The recruitment map of one burst or ictal onset: for each cell, the delay of its first spike after
 * the onset. Pure: spikes in, one Float32Array out (NaN for cells that did not fire within the
 * window), no DOM.
 *
 * The burst detector reports a burst when the smoothed rate crosses its threshold, a little after
 * the wave began. So the onset t0 is found by walking back from the detected start over 5-ms bins
 * whose spike count stays above the quiet level before it (the median bin of the lookback's first
 * part + 4 Poisson standard deviations), then guardMs further — the front's first few ms hold fewer
 * spikes than the background's noise — as the worker's Recruitment does (src/analysis/recruitment.ts).
 * Each cell's delay is then its first spike in [t0, t0 + windowMs).
 */

export interface RecruitmentOptions {
  /** bin of the onset search, ms @default 5 */
  binMs: number;
  /** how far before the detected start the onset may lie, ms @default 300 */
  lookbackMs: number;
  /** the quiet level is read from the first part of the lookback, this long, ms @default 150 */
  quietMs: number;
  /** the onset is put this much before the first raised bin, ms @default 15 */
  guardMs: number;
  /** a cell's first spike counts within this long after the onset, ms @default 300 */
  windowMs: number;
}

export const DEFAULT_RECRUITMENT: RecruitmentOptions = { binMs: 5, lookbackMs: 300, quietMs: 150, guardMs: 15, windowMs: 300 };

export interface RecruitmentMap {
  /** onset of the wave, ms */
  onsetMs: number;
  /** delay of each neuron's first spike after the onset, ms; NaN: not recruited in the window */
  delayMs: Float32Array;
  /** cells recruited, and the delay by which 90 % of them had fired, ms */
  recruited: number;
  delay90Ms: number;
  /**
   * the quiet level before the onset as a rate per cell, Hz: the background whose spikes land
   * anywhere in the wave fit's onset window (WaveFitter.fitWave's backgroundHz)
   */
  backgroundHz: number;
}

/**
 * The map of the burst detected at detectedStartMs, from spikes sorted by step (a SpikeRing's
 * window): ids, steps, dt.
 */
export function recruitmentMap(
  ids: ArrayLike<number>,
  steps: ArrayLike<number>,
  dtMs: number,
  neurons: number,
  detectedStartMs: number,
  options: Partial<RecruitmentOptions> = {},
): RecruitmentMap {
  const o = { ...DEFAULT_RECRUITMENT, ...options };
  const fromMs = detectedStartMs - o.lookbackMs;
  const bins = Math.ceil(o.lookbackMs / o.binMs);
  const counts = new Float64Array(bins);
  for (let k = 0; k < ids.length; k++) {
    const t = steps[k] * dtMs;
    if (t < fromMs || t >= detectedStartMs) continue;
    counts[Math.min(bins - 1, Math.floor((t - fromMs) / o.binMs))]++;
  }
  const quietBins = Math.max(1, Math.min(bins, Math.round(o.quietMs / o.binMs)));
  const quiet = Array.from(counts.subarray(0, quietBins)).sort((a, b) => a - b)[Math.floor(quietBins / 2)];
  const level = quiet + 4 * Math.sqrt(quiet + 1);
  let onsetBin = bins;
  while (onsetBin > quietBins && counts[onsetBin - 1] > level) onsetBin--;
  const onsetMs = Math.max(fromMs + quietBins * o.binMs, fromMs + onsetBin * o.binMs - o.guardMs);

  const delayMs = new Float32Array(neurons).fill(Number.NaN);
  const endMs = onsetMs + o.windowMs;
  let recruited = 0;
  const delays: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    const t = steps[k] * dtMs;
    if (t < onsetMs) continue;
    if (t >= endMs) break; // sorted by step
    const id = ids[k];
    if (id >= neurons || !Number.isNaN(delayMs[id])) continue;
    delayMs[id] = t - onsetMs;
    delays.push(t - onsetMs);
    recruited++;
  }
  const delay90Ms = delays.length > 0 ? delays[Math.min(delays.length - 1, Math.floor(0.9 * delays.length))] : Number.NaN;
  const backgroundHz = (quiet * 1000) / (o.binMs * neurons);
  return { onsetMs, delayMs, recruited, delay90Ms, backgroundHz };
}
