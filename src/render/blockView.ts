/**
 * The Mg-block panel, two plots side by side:
 *  - left: B(V) = 1 / (1 + [Mg]o/3.57 · e^(−0.062 V)) at the present [Mg]o (and the 0 mM line,
 *    B ≡ 1), with a histogram of every neuron's present membrane potential along the V axis and
 *    the block at the cells' median V marked on the curve, and each probed cell as a dot in its colour;
 *  - right: the steady-state NMDA I–V of a fully open conductance, I = g·B(V)·(V − E_NMDA) per nS,
 *    at the present [Mg]o against 0 mM (a straight line), the negative-slope region shaded.
 * The curves are redrawn when [Mg]o changes; the histogram at most HISTOGRAM_INTERVAL_MS apart.
 */
import { Container, Graphics } from 'pixi.js';
import { E_NMDA_MV } from '../core/constants';
import { mgBlock, nmdaCurrentPA } from '../core/mgBlock';
import type { Frame } from '../protocol/types';
import { addLabel, clearLabels, drawAxes, mapTo } from './axes';
import type { Scale } from './axes';
import { PROBE_COLOURS, scaledMargin, THEME } from './theme';
import type { ViewRect } from './theme';

/** Voltage axis of both plots, mV (the voltage-clamp protocol's range). */
export const BLOCK_V_AXIS: Scale = { min: -100, max: 40 };
const I_AXIS: Scale = { min: -100, max: 40 };
const B_AXIS: Scale = { min: 0, max: 1 };
const HIST_BIN_MV = 2;
const HIST_BINS = Math.round((BLOCK_V_AXIS.max - BLOCK_V_AXIS.min) / HIST_BIN_MV);
const HISTOGRAM_INTERVAL_MS = 100;
const CURVE_POINTS = 141;
const MARGIN = { left: 40, right: 10, top: 22, bottom: 36 };
const GAP = 14;

export class BlockView {
  readonly container = new Container({ label: 'block' });
  private readonly frameG = new Graphics();
  private readonly curveG = new Graphics();
  private readonly histG = new Graphics();
  private readonly labels = new Container();
  private readonly dynamicLabels = new Container();
  private rect: ViewRect = { x: 0, y: 0, width: 1, height: 1 };
  private mgOutMM = Number.NaN;
  private shownMg = Number.NaN;
  private readonly counts = new Float64Array(HIST_BINS);
  private cells = 0;
  private medianMV = Number.NaN;
  private voltages: Float32Array | null = null;
  private voltagesFresh = false;
  private lastHistMs = -Infinity;
  private dirtyFrame = true;
  /** probed neurons, drawn as dots in their colours on the curve */
  private probeIds: readonly number[] = [];
  /** with reduced motion the histogram moves once a second */
  private histogramIntervalMs = HISTOGRAM_INTERVAL_MS;
  private fontSize: number = THEME.fontSize;

  constructor() {
    this.container.addChild(this.frameG, this.histG, this.curveG, this.labels, this.dynamicLabels);
  }

  /** A new network: forget the voltages (the [Mg]o comes with its first frame). */
  configure(mgOutMM: number): void {
    this.voltages = null;
    this.counts.fill(0);
    this.cells = 0;
    this.medianMV = Number.NaN;
    this.setMg(mgOutMM);
    this.voltagesFresh = true;
  }

  setMg(mgOutMM: number): void {
    this.mgOutMM = mgOutMM;
  }

  setProbes(ids: readonly number[]): void {
    this.probeIds = ids.slice();
    this.voltagesFresh = true;
    this.lastHistMs = -Infinity;
  }

  setReducedMotion(reduced: boolean): void {
    this.histogramIntervalMs = reduced ? 1000 : HISTOGRAM_INTERVAL_MS;
  }

  setFontSize(px: number): void {
    this.fontSize = px;
    this.dirtyFrame = true;
  }

  ingest(frame: Frame): void {
    this.mgOutMM = frame.live.mgOutMM;
    if (frame.vMV.length > 0) {
      this.voltages = frame.vMV;
      this.voltagesFresh = true;
    }
  }

  layout(rect: ViewRect): void {
    this.rect = rect;
    this.container.position.set(rect.x, rect.y);
    this.dirtyFrame = true;
  }

  /** The two plot areas (CSS px, relative to the view). */
  areas(): { block: ViewRect; iv: ViewRect } {
    const margin = scaledMargin(MARGIN, this.fontSize);
    const width = Math.max(2, (this.rect.width - margin.left * 2 - margin.right - GAP) / 2);
    const height = Math.max(1, this.rect.height - margin.top - margin.bottom);
    return {
      block: { x: margin.left, y: margin.top, width, height },
      iv: { x: margin.left * 2 + width + GAP, y: margin.top, width, height },
    };
  }

  /** Redraws what changed; false when nothing did. */
  draw(nowMs = performance.now()): boolean {
    let changed = false;
    if (this.dirtyFrame) {
      this.drawFrame();
      this.dirtyFrame = false;
      this.shownMg = Number.NaN;
      changed = true;
    }
    if (this.mgOutMM !== this.shownMg && !Number.isNaN(this.mgOutMM)) {
      this.shownMg = this.mgOutMM;
      this.drawCurves();
      this.voltagesFresh = true;
      this.lastHistMs = -Infinity;
      changed = true;
    }
    if (this.voltagesFresh && nowMs - this.lastHistMs >= this.histogramIntervalMs) {
      this.voltagesFresh = false;
      this.lastHistMs = nowMs;
      this.computeHistogram();
      this.drawHistogram();
      changed = true;
    }
    return changed;
  }

  private drawFrame(): void {
    const { block, iv } = this.areas();
    const g = this.frameG;
    g.clear();
    clearLabels(this.labels);
    const xTicks = [-100, -80, -60, -40, -20, 0, 20, 40];
    // a tick label ("−100") is about three ems wide: fewer ticks when eight of them would touch
    const narrow = block.width / xTicks.length < this.fontSize * 3.2;
    const ticks = narrow ? [-100, -60, -20, 20] : xTicks;
    drawAxes(g, this.labels, {
      plot: block,
      x: BLOCK_V_AXIS,
      y: B_AXIS,
      xTicks: ticks,
      yTicks: [0, 0.5, 1],
      xTitle: 'V (mV)',
      yTitle: 'B(V) unblocked',
      fontSize: this.fontSize,
    });
    drawAxes(g, this.labels, {
      plot: iv,
      x: BLOCK_V_AXIS,
      y: I_AXIS,
      xTicks: ticks,
      yTicks: [-100, -50, 0, 40],
      xTitle: 'V (mV)',
      yTitle: 'I_NMDA (pA/nS)',
      fontSize: this.fontSize,
      zeroLine: true,
      formatY: (v) => (v < 0 ? `−${-v}` : String(v)),
    });
  }

  private drawCurves(): void {
    const { block, iv } = this.areas();
    const g = this.curveG;
    g.clear();
    clearLabels(this.dynamicLabels);
    const mg = this.mgOutMM;
    const xB = (v: number): number => mapTo(v, BLOCK_V_AXIS, block.x, block.x + block.width);
    const yB = (b: number): number => mapTo(b, B_AXIS, block.y + block.height, block.y);
    const xI = (v: number): number => mapTo(v, BLOCK_V_AXIS, iv.x, iv.x + iv.width);
    const yI = (i: number): number => mapTo(i, I_AXIS, iv.y + iv.height, iv.y);
    const vAt = (k: number): number => BLOCK_V_AXIS.min + ((BLOCK_V_AXIS.max - BLOCK_V_AXIS.min) * k) / (CURVE_POINTS - 1);

    // 0 mM references: B ≡ 1 and the straight I–V line
    g.moveTo(block.x, yB(1)).lineTo(block.x + block.width, yB(1)).stroke({ width: 2, color: THEME.zeroMg, alpha: 0.9 });
    g.moveTo(xI(BLOCK_V_AXIS.min), yI(BLOCK_V_AXIS.min - E_NMDA_MV))
      .lineTo(xI(BLOCK_V_AXIS.max), yI(BLOCK_V_AXIS.max - E_NMDA_MV))
      .stroke({ width: 2, color: THEME.zeroMg, alpha: 0.9 });

    // negative-slope region of the I–V at this [Mg]o: where dI/dV < 0
    let from = Number.NaN;
    let to = Number.NaN;
    let prev = nmdaCurrentPA(1, vAt(0), mg);
    for (let k = 1; k < CURVE_POINTS; k++) {
      const i = nmdaCurrentPA(1, vAt(k), mg);
      if (i < prev) {
        if (Number.isNaN(from)) from = vAt(k - 1);
        to = vAt(k);
      }
      prev = i;
    }
    if (!Number.isNaN(from)) {
      g.rect(xI(from), iv.y, Math.max(1, xI(to) - xI(from)), iv.height).fill({ color: THEME.negSlope, alpha: 0.16 });
      const label = addLabel(this.dynamicLabels, 'negative slope', (xI(from) + xI(to)) / 2, iv.y + 4, 0.5, 0, {
        fontSize: this.fontSize,
        fill: THEME.negSlope,
      });
      // centred on the band, but kept inside the plot: at presentation sizes the text is wider than
      // the band and would run into the y-axis tick labels ("40") on the left
      const half = label.width / 2;
      label.x = Math.round(Math.min(Math.max(label.x, iv.x + 6 + half), iv.x + iv.width - 6 - half));
    } else {
      addLabel(this.dynamicLabels, 'no negative slope', iv.x + 6, iv.y + 4, 0, 0, {
        fontSize: this.fontSize,
        fill: THEME.label,
      });
    }

    // the curves at the present [Mg]o
    for (let k = 0; k < CURVE_POINTS; k++) {
      const v = vAt(k);
      if (k === 0) g.moveTo(xB(v), yB(mgBlock(v, mg)));
      else g.lineTo(xB(v), yB(mgBlock(v, mg)));
    }
    g.stroke({ width: 3, color: THEME.block, join: 'round' });
    for (let k = 0; k < CURVE_POINTS; k++) {
      const v = vAt(k);
      const i = nmdaCurrentPA(1, v, mg);
      if (k === 0) g.moveTo(xI(v), yI(i));
      else g.lineTo(xI(v), yI(i));
    }
    g.stroke({ width: 3, color: THEME.block, join: 'round' });
  }

  private computeHistogram(): void {
    const counts = this.counts;
    counts.fill(0);
    const v = this.voltages;
    if (!v) {
      this.cells = 0;
      this.medianMV = Number.NaN;
      return;
    }
    const scale = 1 / HIST_BIN_MV;
    for (let i = 0; i < v.length; i++) {
      let b = ((v[i] - BLOCK_V_AXIS.min) * scale) | 0;
      if (b < 0) b = 0;
      else if (b >= HIST_BINS) b = HIST_BINS - 1;
      counts[b]++;
    }
    this.cells = v.length;
    // median from the histogram (to within a bin)
    let seen = 0;
    this.medianMV = Number.NaN;
    for (let b = 0; b < HIST_BINS; b++) {
      seen += counts[b];
      if (seen >= v.length / 2) {
        this.medianMV = BLOCK_V_AXIS.min + (b + 0.5) * HIST_BIN_MV;
        break;
      }
    }
  }

  private drawHistogram(): void {
    const { block } = this.areas();
    const g = this.histG;
    g.clear();
    if (this.cells === 0) return;
    let most = 1;
    for (let b = 0; b < HIST_BINS; b++) if (this.counts[b] > most) most = this.counts[b];
    const binW = block.width / HIST_BINS;
    const maxH = block.height * 0.85;
    const base = block.y + block.height;
    for (let b = 0; b < HIST_BINS; b++) {
      const c = this.counts[b];
      if (c === 0) continue;
      // square-root height: a few cells away from the crowd stay visible
      const h = Math.max(1, Math.sqrt(c / most) * maxH);
      g.rect(block.x + b * binW + 0.5, base - h, Math.max(1, binW - 1), h);
    }
    g.fill({ color: THEME.cells, alpha: 0.55 });
    if (!Number.isNaN(this.medianMV)) {
      const x = mapTo(this.medianMV, BLOCK_V_AXIS, block.x, block.x + block.width);
      const b = mgBlock(this.medianMV, this.mgOutMM);
      const y = mapTo(b, B_AXIS, block.y + block.height, block.y);
      g.moveTo(x, base).lineTo(x, y).stroke({ width: 1, color: THEME.cells, alpha: 0.9 });
      g.circle(x, y, 5).fill({ color: THEME.cells }).stroke({ width: 1.5, color: THEME.background });
    }
    // the probed cells, each on the curve at its own V
    const v = this.voltages;
    if (v) {
      this.probeIds.forEach((id, order) => {
        if (id >= v.length) return;
        const x = mapTo(v[id], BLOCK_V_AXIS, block.x, block.x + block.width);
        const y = mapTo(mgBlock(v[id], this.mgOutMM), B_AXIS, block.y + block.height, block.y);
        g.circle(x, y, 6).fill({ color: PROBE_COLOURS[order % PROBE_COLOURS.length] }).stroke({ width: 2, color: THEME.background });
      });
    }
  }

  /** For tests and the status: the block at the cells' median membrane potential. */
  get medianBlock(): { vMV: number; block: number } {
    return { vMV: this.medianMV, block: mgBlock(this.medianMV, this.mgOutMM) };
  }
}
