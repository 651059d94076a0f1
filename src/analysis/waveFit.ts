/**
 * Where a burst began and how fast it spread, from each recruited cell's first spike time.
 *
 * Onset site: the centroid of the cells whose first spike falls in the first `onsetWindowSteps` after
 * the onset step. The grid is a torus, so each axis is averaged as an angle (circular mean,
 * x ↦ 2πx/width): a cluster straddling the edge gets its true centre, and cells firing at random
 * places (background) add vectors that mostly cancel. When the onset cells beyond the expected
 * background are spread over the whole sheet (mean resultant length per such cell < minConcentration
 * on either axis), the burst has no focus: no onset site, and no speed.
 *
 * Speed: cells are grouped in rings of torus distance from that centroid (`ringWidthSites` wide);
 * each ring with ≥ minRingCells cells contributes the MEDIANS of its cells' distances and first-spike
 * times (robust to cells that fired a stray spike before the front arrived), and a Theil–Sen line
 * time = t₀ + slope · distance through those points (median of the pairwise slopes: one odd ring,
 * e.g. the innermost whose cells fired before the detected onset, cannot tilt it) gives the speed,
 * siteSpacingUm / slope (µm/ms = mm/s). No speed (null) when fewer than minRings rings qualify, the
 * slope is not positive, or the line explains less than minR2 of the medians' variance
 * (R² = 1 − SS_res / SS_tot): a burst that starts everywhere at once, or from several foci, is not
 * one travelling wave.
 */
import * as C from './constants';

export interface WaveGrid {
  width: number;
  height: number;
  siteOfNeuron: Uint32Array;
  siteSpacingUm: number;
}

export interface WaveFitSettings {
  dtMs: number;
  onsetWindowSteps: number;
  minOnsetCells: number;
  /** least mean resultant length (0..1) of the onset cells on each axis: below it, no focus */
  minConcentration: number;
  ringWidthSites: number;
  minRingCells: number;
  minRings: number;
  minR2: number;
}

/** The settings the analysis uses at time step `dtMs` (constants.ts): one source for the worker's fit and the page's. */
export function waveFitSettings(dtMs: number): WaveFitSettings {
  return {
    dtMs,
    onsetWindowSteps: Math.max(1, Math.round(C.ONSET_WINDOW_MS / dtMs)),
    minOnsetCells: C.MIN_ONSET_CELLS,
    minConcentration: C.ONSET_MIN_CONCENTRATION,
    ringWidthSites: C.SPEED_RING_WIDTH_SITES,
    minRingCells: C.SPEED_MIN_RING_CELLS,
    minRings: C.SPEED_MIN_RINGS,
    minR2: C.SPEED_MIN_R2,
  };
}

export interface WaveFit {
  /** y · width + x of the onset centroid (rounded), −1 when too few cells */
  onsetSite: number;
  /** the centroid itself, in sites (fractional); NaN when too few cells */
  onsetX: number;
  onsetY: number;
  /** mm/s, null when it cannot be estimated */
  speedMmPerS: number | null;
  /** rings that entered the fit */
  rings: number;
  /** fraction of the ring medians' variance explained by the line (NaN without a fit) */
  r2: number;
}

/** Reusable scratch for fitWave, sized for one grid: a burst allocates nothing. */
export class WaveFitter {
  private readonly grid: WaveGrid;
  private readonly s: WaveFitSettings;
  private readonly cosX: Float64Array;
  private readonly sinX: Float64Array;
  private readonly cosY: Float64Array;
  private readonly sinY: Float64Array;
  private readonly ringOf: Int32Array;
  private readonly distanceOf: Float64Array;
  private readonly times: Float64Array;
  private readonly distances: Float64Array;
  private readonly ringCount: Int32Array;
  private readonly ringStart: Int32Array;
  private readonly ringFill: Int32Array;
  private readonly pointD: Float64Array;
  private readonly pointT: Float64Array;
  private readonly pairSlopes: Float64Array;

  constructor(grid: WaveGrid, settings: WaveFitSettings) {
    this.grid = grid;
    this.s = settings;
    const { width, height } = grid;
    this.cosX = new Float64Array(width);
    this.sinX = new Float64Array(width);
    this.cosY = new Float64Array(height);
    this.sinY = new Float64Array(height);
    for (let x = 0; x < width; x++) {
      this.cosX[x] = Math.cos((2 * Math.PI * x) / width);
      this.sinX[x] = Math.sin((2 * Math.PI * x) / width);
    }
    for (let y = 0; y < height; y++) {
      this.cosY[y] = Math.cos((2 * Math.PI * y) / height);
      this.sinY[y] = Math.sin((2 * Math.PI * y) / height);
    }
    const n = grid.siteOfNeuron.length;
    this.ringOf = new Int32Array(n);
    this.distanceOf = new Float64Array(n);
    this.times = new Float64Array(n);
    this.distances = new Float64Array(n);
    const maxDistance = Math.hypot(width / 2, height / 2);
    const rings = Math.floor(maxDistance / settings.ringWidthSites) + 2;
    this.ringCount = new Int32Array(rings);
    this.ringStart = new Int32Array(rings + 1);
    this.ringFill = new Int32Array(rings);
    this.pointD = new Float64Array(rings);
    this.pointT = new Float64Array(rings);
    this.pairSlopes = new Float64Array(Math.max(rings, (rings * (rings - 1)) / 2));
  }

  /**
   * ids[0..count) are the recruited cells, firstStep[id] their first spike step (same clock as
   * onsetStep); cells with firstStep ≥ endStep are ignored. backgroundHz: the cells' rate outside
   * bursts, whose spikes fall in the onset window anywhere on the sheet.
   */
  fitWave(ids: Uint32Array, count: number, firstStep: Float64Array, onsetStep: number, endStep: number, backgroundHz = 0): WaveFit {
    const { width, height, siteOfNeuron, siteSpacingUm } = this.grid;
    const s = this.s;
    const none: WaveFit = { onsetSite: -1, onsetX: NaN, onsetY: NaN, speedMmPerS: null, rings: 0, r2: NaN };

    // ---- onset centroid (circular mean per axis) ----
    const onsetEnd = onsetStep + s.onsetWindowSteps;
    let cx = 0, sx = 0, cy = 0, sy = 0, onsetCells = 0;
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      const t = firstStep[id];
      if (t < onsetStep || t >= onsetEnd || t >= endStep) continue;
      const site = siteOfNeuron[id];
      const x = site % width;
      const y = (site - x) / width;
      cx += this.cosX[x];
      sx += this.sinX[x];
      cy += this.cosY[y];
      sy += this.sinY[y];
      onsetCells++;
    }
    // Background spikes in the window land anywhere: their vectors cancel on average, so the
    // resultant is the focus's, and its length is judged per focus cell (cells beyond background).
    const backgroundCells = (siteOfNeuron.length * backgroundHz * s.onsetWindowSteps * s.dtMs) / 1000;
    const focusCells = onsetCells - backgroundCells;
    if (onsetCells < s.minOnsetCells || focusCells < s.minOnsetCells) return none;
    // mean resultant length per axis: ≈ 1 for a compact cluster, ≈ 1/√n for cells scattered at random
    const concentration = Math.min(Math.hypot(cx, sx), Math.hypot(cy, sy)) / focusCells;
    if (concentration < s.minConcentration) return none;
    const x0 = wrap((Math.atan2(sx, cx) / (2 * Math.PI)) * width, width);
    const y0 = wrap((Math.atan2(sy, cy) / (2 * Math.PI)) * height, height);
    const onsetSite = (Math.round(y0) % height) * width + (Math.round(x0) % width);
    const result: WaveFit = { onsetSite, onsetX: x0, onsetY: y0, speedMmPerS: null, rings: 0, r2: NaN };

    // ---- first-spike time against torus distance, by rings ----
    const { ringOf, distanceOf, times, distances, ringCount, ringStart, ringFill } = this;
    const rings = ringCount.length;
    ringCount.fill(0);
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      const t = firstStep[id];
      if (t < onsetStep || t >= endStep) {
        ringOf[k] = -1;
        continue;
      }
      const site = siteOfNeuron[id];
      const x = site % width;
      const y = (site - x) / width;
      let dx = Math.abs(x - x0);
      if (dx > width / 2) dx = width - dx;
      let dy = Math.abs(y - y0);
      if (dy > height / 2) dy = height - dy;
      const distance = Math.sqrt(dx * dx + dy * dy);
      const ring = Math.min(rings - 1, Math.floor(distance / s.ringWidthSites));
      ringOf[k] = ring;
      distanceOf[k] = distance;
      ringCount[ring]++;
    }
    ringStart[0] = 0;
    for (let r = 0; r < rings; r++) {
      ringStart[r + 1] = ringStart[r] + ringCount[r];
      ringFill[r] = ringStart[r];
    }
    for (let k = 0; k < count; k++) {
      const ring = ringOf[k];
      if (ring < 0) continue;
      const at = ringFill[ring]++;
      times[at] = (firstStep[ids[k]] - onsetStep) * s.dtMs;
      distances[at] = distanceOf[k];
    }

    // one point per ring: (median distance, median first-spike time)
    const { pointD, pointT, pairSlopes } = this;
    let n = 0;
    for (let r = 0; r < rings; r++) {
      const c = ringCount[r];
      if (c < s.minRingCells) continue;
      pointT[n] = medianOf(times.subarray(ringStart[r], ringStart[r] + c));
      pointD[n] = medianOf(distances.subarray(ringStart[r], ringStart[r] + c));
      n++;
    }
    result.rings = n;
    if (n < s.minRings) return result;

    // Theil–Sen line: the median of the pairwise slopes, then the median intercept
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dd = pointD[j] - pointD[i];
        if (dd !== 0) pairSlopes[pairs++] = (pointT[j] - pointT[i]) / dd;
      }
    }
    if (pairs === 0) return result;
    const slopeMsPerSite = medianOf(pairSlopes.subarray(0, pairs));
    let meanT = 0;
    for (let i = 0; i < n; i++) {
      pairSlopes[i] = pointT[i] - slopeMsPerSite * pointD[i];
      meanT += pointT[i];
    }
    meanT /= n;
    const intercept = medianOf(pairSlopes.subarray(0, n));
    let ssRes = 0, ssTot = 0;
    for (let i = 0; i < n; i++) {
      const e = pointT[i] - intercept - slopeMsPerSite * pointD[i];
      ssRes += e * e;
      ssTot += (pointT[i] - meanT) * (pointT[i] - meanT);
    }
    if (!(ssTot > 0)) return result;
    result.r2 = 1 - ssRes / ssTot;
    if (slopeMsPerSite > 0 && result.r2 >= s.minR2) result.speedMmPerS = siteSpacingUm / slopeMsPerSite;
    return result;
  }
}

/** Median of a scratch segment (sorted in place). */
function medianOf(seg: Float64Array): number {
  seg.sort();
  const c = seg.length;
  return c & 1 ? seg[c >> 1] : 0.5 * (seg[(c >> 1) - 1] + seg[c >> 1]);
}

function wrap(v: number, period: number): number {
  const w = v % period;
  return w < 0 ? w + period : w;
}
