/**
 * The population rate over the last window of simulated time, with [Mg]o beneath it on its own
 * strip, a mark wherever [Mg]o was changed and a band wherever a population burst was detected;
 * while the ions move, two more strips on the same time axis: [K⁺]o (the mean and the highest
 * patch) and [Na⁺]i with E_K (its own axis, on the right). Draws a RateHistory; redrawn only when a
 * new frame has arrived, with nothing allocated per draw but what the Graphics itself keeps.
 */
import { Container, Graphics, Text } from 'pixi.js';
import type { Frame } from '../protocol/types';
import { POSTICTAL_SHADE_MS, RateHistory } from './rateHistory';
import type { IonSeries } from './rateHistory';
import { scaledMargin, THEME } from './theme';
import type { ViewRect } from './theme';

const MARGIN = { left: 48, right: 10, top: 8, bottom: 22 };
/** With the ions shown the right margin holds the E_K axis. */
const MARGIN_RIGHT_IONS = 34;
/**
 * Shares of the plot height: the rate, then [Mg]o; with the ions, [K⁺]o and [Na⁺]i/E_K too. Gaps
 * between the strips, CSS px at THEME.fontSize (they grow with the type, like the margins).
 */
const SHARES = { plain: { rate: 0.7, mg: 0.3, k: 0, na: 0 }, ions: { rate: 0.43, mg: 0.15, k: 0.24, na: 0.18 } } as const;
const STRIP_GAP = 20;
const STRIP_GAP_IONS = 8;
/** [Mg]o axis, mM (the control's full range) and the normal-bath reference line. */
const MG_AXIS_MAX_MM = 3;
const MG_NORMAL_MM = 1.2;
/**
 * The ion axes: [K⁺]o from the lowest bath to above a seizure's ≈ 12 mM, with the normal 3.5 mM
 * marked; [Na⁺]i from below rest (≈ 10 mM) to above the ≈ 20 mM of a long event; E_K (Nernst at
 * [K⁺]i 140 mM) from −110 mV (2.5 mM) to −60 mV (14 mM). Fixed, so a trace's height means the same
 * at every moment of a lecture.
 */
const K_AXIS = { min: 2, max: 14, ticks: [3.5, 12] } as const;
const K_NORMAL_MM = 3.5;
const NA_AXIS = { min: 5, max: 30, ticks: [10, 20] } as const;
const EK_AXIS = { min: -110, max: -60, ticks: [-100, -70] } as const;
/** Candidate tops of the rate axis, Hz. */
const NICE_RATES = [5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

export class RateView {
  readonly container = new Container({ label: 'rate' });
  readonly history: RateHistory;
  private readonly frameG = new Graphics();
  private readonly dataG = new Graphics();
  private readonly labels = new Container();
  private readonly rateLabels: Text[] = [];
  private rect: ViewRect = { x: 0, y: 0, width: 1, height: 1 };
  private rateTop = 0;
  /** whether the axes were last drawn with the ion strips */
  private framedIons = false;
  private dirty = true;
  /** with reduced motion the plot moves in one-second steps instead of scrolling smoothly */
  private minIntervalMs = 0;
  private lastDrawMs = -Infinity;
  /** type size of the axis labels, CSS px (larger in presentation mode) */
  private fontSize: number = THEME.fontSize;

  constructor(history = new RateHistory()) {
    this.history = history;
    this.container.addChild(this.frameG, this.dataG, this.labels);
  }

  configure(neurons: number, excitatory: number): void {
    this.history.reset(neurons, excitatory);
    this.rateTop = 0;
    this.dirty = true;
  }

  ingest(frame: Frame): void {
    this.history.add(frame);
    this.dirty = true;
  }

  layout(rect: ViewRect): void {
    this.rect = rect;
    this.container.position.set(rect.x, rect.y);
    this.rateTop = 0; // forces the axis labels to be placed again
    this.dirty = true;
    this.lastDrawMs = -Infinity;
  }

  /** The strips' rectangles (k and na empty without ions), written into this.strips; layout-time only. */
  private readonly strips = { rate: emptyRect(), mg: emptyRect(), k: emptyRect(), na: emptyRect() };

  private areas(): { rate: ViewRect; mg: ViewRect; k: ViewRect; na: ViewRect } {
    const ions = this.history.ionsShown;
    const scale = Math.max(1, this.fontSize / THEME.fontSize);
    const margin = scaledMargin({ ...MARGIN, right: ions ? MARGIN_RIGHT_IONS : MARGIN.right }, this.fontSize);
    const width = Math.max(1, this.rect.width - margin.left - margin.right);
    const gap = Math.round((ions ? STRIP_GAP_IONS : STRIP_GAP) * scale);
    const gaps = ions ? 3 * gap : gap;
    const height = Math.max(1, this.rect.height - margin.top - margin.bottom - gaps);
    const share = ions ? SHARES.ions : SHARES.plain;
    let y = margin.top;
    for (const name of ['rate', 'mg', 'k', 'na'] as const) {
      const r = this.strips[name];
      const h = name === 'na' || (name === 'mg' && !ions) ? Math.max(0, margin.top + height + gaps - y) : Math.round(height * share[name]);
      r.x = margin.left;
      r.y = y;
      r.width = width;
      r.height = h;
      y += h + (h > 0 ? gap : 0);
    }
    return this.strips;
  }

  setFontSize(px: number): void {
    this.fontSize = px;
    this.rateTop = 0; // forces the axes and labels to be drawn again
    this.dirty = true;
    this.lastDrawMs = -Infinity;
  }

  setReducedMotion(reduced: boolean): void {
    this.minIntervalMs = reduced ? 1000 : 0;
    this.dirty = true;
  }

  /** Redraws if new data arrived (at most once a second with reduced motion); false otherwise. */
  draw(nowMs = performance.now()): boolean {
    if (!this.dirty || nowMs - this.lastDrawMs < this.minIntervalMs) return false;
    this.dirty = false;
    this.lastDrawMs = nowMs;
    const h = this.history;
    const top = NICE_RATES.find((r) => r >= h.maxRate() * 1.15) ?? NICE_RATES[NICE_RATES.length - 1];
    if (top !== this.rateTop || h.ionsShown !== this.framedIons) {
      this.rateTop = top;
      this.framedIons = h.ionsShown;
      this.drawFrame();
    }
    this.drawData();
    return true;
  }

  private label(text: string, x: number, y: number, anchorX: number, anchorY: number, fill: number = THEME.label): Text {
    const t = new Text({ text, style: { fontFamily: THEME.fontFamily, fontSize: this.fontSize, fill } });
    t.anchor.set(anchorX, anchorY);
    t.position.set(Math.round(x), Math.round(y));
    this.labels.addChild(t);
    return t;
  }

  /** Axes, grid and labels: redrawn on resize, when the rate axis changes scale and when the ions start or stop moving. */
  private drawFrame(): void {
    const { rate, mg, k, na } = this.areas();
    const g = this.frameG;
    g.clear();
    for (const child of this.labels.removeChildren()) child.destroy();
    this.rateLabels.length = 0;

    // no background fill: the page paints it under the transparent canvas (a large fill through
    // the batch shader is the costliest thing a software renderer draws)

    // rate: grid at 0, ½, 1 of the axis
    for (const f of [0, 0.5, 1]) {
      const y = rate.y + rate.height * (1 - f);
      g.moveTo(rate.x, y).lineTo(rate.x + rate.width, y).stroke({ width: 1, color: f === 0 ? THEME.axis : THEME.grid });
      this.rateLabels.push(this.label(formatRate(this.rateTop * f), rate.x - 6, y, 1, 0.5));
    }
    this.label('Hz', rate.x + 6, rate.y + 2, 0, 0);

    // [Mg]o strip: 0, the normal bath and 3 mM
    for (const mm of [0, MG_NORMAL_MM, MG_AXIS_MAX_MM]) {
      const y = mg.y + mg.height * (1 - mm / MG_AXIS_MAX_MM);
      const color = mm === 0 ? THEME.axis : mm === MG_NORMAL_MM ? THEME.mgNormal : THEME.grid;
      g.moveTo(mg.x, y).lineTo(mg.x + mg.width, y).stroke({ width: 1, color });
      // the strip is thin beside the ion strips: the normal bath's label alone there, so none overlap
      if (mm === MG_NORMAL_MM || !this.framedIons) this.label(mm === MG_NORMAL_MM ? '1.2' : String(mm), mg.x - 6, y, 1, 0.5, mm === MG_NORMAL_MM ? THEME.mg : THEME.label);
    }
    this.label('[Mg]o mM', mg.x + 6, mg.y + 2, 0, 0, THEME.mg);

    if (this.framedIons) this.drawIonAxes(k, na);

    // time: seconds before now
    const windowS = this.history.windowMs / 1000;
    const stepS = windowS > 40 ? 10 : 5;
    const last = this.framedIons ? na : mg;
    const baseY = last.y + last.height;
    for (let s = 0; s <= windowS + 1e-9; s += stepS) {
      const x = rate.x + rate.width - (s / windowS) * rate.width;
      g.moveTo(x, baseY).lineTo(x, baseY + 4).stroke({ width: 1, color: THEME.axis });
      this.label(s === 0 ? 'now' : `−${s} s`, x, baseY + 6, s === 0 ? 1 : 0.5, 0);
    }
  }

  /** The [K⁺]o strip (normal bath marked) and the [Na⁺]i strip with E_K on its right-hand axis. */
  private drawIonAxes(k: ViewRect, na: ViewRect): void {
    const g = this.frameG;
    for (const mm of K_AXIS.ticks) {
      const y = yOn(k, mm, K_AXIS);
      g.moveTo(k.x, y).lineTo(k.x + k.width, y).stroke({ width: 1, color: mm === K_NORMAL_MM ? THEME.kNormal : THEME.grid });
      this.label(String(mm), k.x - 6, y, 1, 0.5, THEME.kOut);
    }
    g.moveTo(k.x, k.y + k.height).lineTo(k.x + k.width, k.y + k.height).stroke({ width: 1, color: THEME.axis });
    const kLabel = this.label('[K⁺]o mM: mean', k.x + 6, k.y + 1, 0, 0, THEME.kOut);
    this.label('highest', kLabel.x + kLabel.width + 8, k.y + 1, 0, 0, THEME.kMax);
    for (const mm of NA_AXIS.ticks) {
      const y = yOn(na, mm, NA_AXIS);
      g.moveTo(na.x, y).lineTo(na.x + na.width, y).stroke({ width: 1, color: THEME.grid });
      this.label(String(mm), na.x - 6, y, 1, 0.5, THEME.naIn);
    }
    for (const mv of EK_AXIS.ticks) this.label(`−${-mv}`, na.x + na.width + 6, yOn(na, mv, EK_AXIS), 0, 0.5, THEME.eK);
    g.moveTo(na.x, na.y + na.height).lineTo(na.x + na.width, na.y + na.height).stroke({ width: 1, color: THEME.axis });
    this.label('[Na⁺]i mM', na.x + 6, na.y + 1, 0, 0, THEME.naIn);
    this.label('E_K mV', na.x + na.width - 6, na.y + 1, 1, 0, THEME.eK);
  }

  /** The rate trace, [Mg]o trace, burst bands and [Mg]o change marks; the ion traces when shown. */
  private drawData(): void {
    const h = this.history;
    const { rate, mg, k, na } = this.areas();
    const g = this.dataG;
    g.clear();
    if (h.newest < 0) return;
    const nowMs = h.timeMs;
    const xOf = (tMs: number): number => rate.x + rate.width - ((nowMs - tMs) / h.windowMs) * rate.width;
    const clampX = (x: number): number => Math.min(rate.x + rate.width, Math.max(rate.x, x));
    const yRate = (hz: number): number => rate.y + rate.height * (1 - Math.min(hz, this.rateTop) / this.rateTop);
    const yMg = (mm: number): number => mg.y + mg.height * (1 - Math.min(mm, MG_AXIS_MAX_MM) / MG_AXIS_MAX_MM);

    // ictal events: an orange band over the rate and [Mg]o strips, a bar along the top, then the
    // postictal period shaded grey-blue — distinct from the bursts' pink bands
    const top = rate.y;
    const bottom = this.framedIons ? na.y + na.height : mg.y + mg.height;
    const ictalBand = (startMs: number, endMs: number, open: boolean): void => {
      const x0 = clampX(xOf(startMs));
      const x1 = clampX(xOf(endMs));
      if (x1 <= rate.x) return;
      g.rect(x0, top, Math.max(2, x1 - x0), bottom - top).fill({ color: THEME.ictal, alpha: open ? 0.14 : 0.2 });
      g.rect(x0, top, Math.max(2, x1 - x0), 5).fill({ color: THEME.ictal });
    };
    for (const e of h.ictalEvents) {
      ictalBand(e.startMs, e.endMs, false);
      const p0 = clampX(xOf(e.endMs));
      const p1 = clampX(xOf(Math.min(nowMs, e.endMs + POSTICTAL_SHADE_MS)));
      if (p1 > p0) g.rect(p0, top, p1 - p0, bottom - top).fill({ color: THEME.postictal, alpha: 0.22 });
    }
    if (!Number.isNaN(h.ongoingIctalStartMs)) ictalBand(h.ongoingIctalStartMs, nowMs, true);

    // burst bands, behind the trace
    for (const b of h.bursts) {
      const x0 = clampX(xOf(b.startMs));
      const x1 = clampX(xOf(b.endMs));
      if (x1 <= rate.x) continue;
      g.rect(x0, rate.y, Math.max(2, x1 - x0), rate.height).fill({ color: THEME.burst, alpha: 0.22 });
      g.poly([x0, rate.y, x0 + 8, rate.y, x0 + 4, rate.y + 6]).fill({ color: THEME.burst });
    }

    // a burst still in progress: a lighter band up to now
    if (!Number.isNaN(h.ongoingBurstStartMs)) {
      const x0 = clampX(xOf(h.ongoingBurstStartMs));
      g.rect(x0, rate.y, Math.max(2, rate.x + rate.width - x0), rate.height).fill({ color: THEME.burst, alpha: 0.12 });
    }

    // rate: filled area and line, bin centres
    const first = h.newest - h.binCount + 1;
    const points: number[] = [];
    for (let b = first; b <= h.newest; b++) {
      const r = h.rateAt(b);
      if (Number.isNaN(r)) continue;
      const x = xOf((b + 0.5) * h.binMs);
      if (x < rate.x) continue;
      points.push(Math.min(x, rate.x + rate.width), yRate(r));
    }
    if (points.length >= 4) {
      const base = rate.y + rate.height;
      g.poly([points[0], base, ...points, points[points.length - 2], base]).fill({ color: THEME.rateFill, alpha: 0.28 });
      g.moveTo(points[0], points[1]);
      for (let k = 2; k < points.length; k += 2) g.lineTo(points[k], points[k + 1]);
      g.stroke({ width: 1.5, color: THEME.rate, join: 'round' });
    }

    // [Mg]o as a step line
    let started = false;
    let lastY = 0;
    for (let b = first; b <= h.newest; b++) {
      const x0 = xOf(b * h.binMs);
      const x1 = xOf((b + 1) * h.binMs);
      if (x1 < mg.x) continue;
      const y = yMg(h.mgAt(b));
      if (!started) {
        g.moveTo(clampX(x0), y);
        started = true;
      } else if (y !== lastY) g.lineTo(clampX(x0), y);
      g.lineTo(clampX(x1), y);
      lastY = y;
    }
    if (started) g.stroke({ width: 2, color: THEME.mg });

    // [Mg]o change marks through both areas
    for (const m of h.mgMarks) {
      const x = xOf(m.timeMs);
      if (x < rate.x) continue;
      g.moveTo(x, rate.y).lineTo(x, mg.y + mg.height).stroke({ width: 1, color: THEME.mgMark, alpha: 0.55 });
      g.circle(x, yMg(m.mgOutMM), 3.5).fill({ color: THEME.mgMark });
    }

    if (this.framedIons) {
      // the highest patch under the mean, so the mean (the thicker line) stays on top where they meet
      this.ionTrace('kMaxMM', k, K_AXIS, THEME.kMax, 1.5);
      this.ionTrace('kMeanMM', k, K_AXIS, THEME.kOut, 2.5);
      this.ionTrace('naMM', na, NA_AXIS, THEME.naIn, 2);
      this.ionTrace('eKMV', na, EK_AXIS, THEME.eK, 2);
    }
  }

  /**
   * One ion series as a line in its strip, about one point per pixel column; a break wherever the
   * ions were fixed (NaN). Straight into the Graphics: no arrays are built.
   */
  private ionTrace(series: IonSeries, strip: ViewRect, axis: Axis, color: number, width: number): void {
    const h = this.history;
    const g = this.dataG;
    const count = h.binCount;
    const stride = Math.max(1, Math.floor(count / Math.max(1, strip.width)));
    const right = strip.x + strip.width;
    let drawing = false;
    let any = false;
    // from the newest bin back, so the present is always a point of the line
    for (let b = h.newest; b > h.newest - count; b -= stride) {
      const value = h.ionAt(series, b);
      const x = right - ((h.timeMs - (b + 1) * h.binMs) / h.windowMs) * strip.width;
      if (x < strip.x) break;
      if (Number.isNaN(value)) {
        drawing = false;
        continue;
      }
      const y = yOn(strip, value, axis);
      if (drawing) g.lineTo(Math.min(x, right), y);
      else g.moveTo(Math.min(x, right), y);
      drawing = true;
      any = true;
    }
    if (any) g.stroke({ width, color, join: 'round' });
  }

  /** The y-axis top of the rate plot, Hz (for tests). */
  get rateAxisTopHz(): number {
    return this.rateTop;
  }
}

interface Axis {
  min: number;
  max: number;
}

/** y of value on a strip's axis, clamped to the strip. */
function yOn(strip: ViewRect, value: number, axis: Axis): number {
  const u = (value - axis.min) / (axis.max - axis.min);
  return strip.y + strip.height * (1 - (u < 0 ? 0 : u > 1 ? 1 : u));
}

function emptyRect(): ViewRect {
  return { x: 0, y: 0, width: 0, height: 0 };
}

function formatRate(hz: number): string {
  return hz >= 10 || hz === 0 ? String(Math.round(hz)) : hz.toFixed(1);
}
