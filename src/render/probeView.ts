/**
 * The neuron probe: for each followed neuron (up to MAX_SHOWN_PROBES, each in its colour) three
 * stacked traces over the last WINDOW_MS of simulated time — membrane potential V (spikes drawn as
 * strokes to the top: the model's cells reset without a spike shape), NMDA current and the unblocked
 * fraction B(V). Samples arrive per step in the frames ([step][probe][vMV, iNmdaPA, block]); they
 * are averaged into BUCKET_MS buckets in a ring per neuron, and redrawn at most every
 * REDRAW_INTERVAL_MS.
 */
import { Container, Graphics } from 'pixi.js';
import type { Frame } from '../protocol/types';
import { addLabel, clearLabels, drawAxes, mapTo } from './axes';
import { BUCKET_MS, BUCKETS, ProbeTrace, WINDOW_MS } from './probeTrace';
import type { Scale } from './axes';
import { PROBE_COLOURS, scaledMargin, THEME } from './theme';
import type { ViewRect } from './theme';

export const MAX_SHOWN_PROBES = 4;
const REDRAW_INTERVAL_MS = 66;
const V_AXIS: Scale = { min: -80, max: -40 };
const B_AXIS: Scale = { min: 0, max: 1 };
const MARGIN = { left: 44, right: 10, top: 6, bottom: 24 };
const STRIP_GAP = 8;
const CHANNELS = 3;

export class ProbeView {
  readonly container = new Container({ label: 'probe' });
  private readonly frameG = new Graphics();
  private readonly dataG = new Graphics();
  private readonly labels = new Container();
  private rect: ViewRect = { x: 0, y: 0, width: 1, height: 1 };
  /** traces by neuron id, and the order (colour) of the shown neurons */
  private readonly traces = new Map<number, ProbeTrace>();
  private ids: number[] = [];
  private timeMs = 0;
  private dirty = true;
  private dirtyFrame = true;
  private lastDrawMs = -Infinity;
  /** with reduced motion the traces move once a second */
  private redrawIntervalMs = REDRAW_INTERVAL_MS;
  private iAxis: Scale = { min: -100, max: 0 };
  private fontSize: number = THEME.fontSize;
  private readonly emptyLabel = new Container();

  constructor() {
    this.container.addChild(this.frameG, this.dataG, this.labels, this.emptyLabel);
  }

  /** The neurons to show, in colour order; traces of neurons no longer followed are dropped. */
  setProbes(ids: readonly number[]): void {
    this.ids = ids.slice(0, MAX_SHOWN_PROBES);
    for (const id of [...this.traces.keys()]) if (!this.ids.includes(id)) this.traces.delete(id);
    for (const id of this.ids) if (!this.traces.has(id)) this.traces.set(id, new ProbeTrace());
    this.dirty = true;
    this.dirtyFrame = true;
  }

  /** A new network: every trace starts empty. */
  configure(): void {
    this.traces.clear();
    for (const id of this.ids) this.traces.set(id, new ProbeTrace());
    this.timeMs = 0;
    this.dirty = true;
  }

  setReducedMotion(reduced: boolean): void {
    this.redrawIntervalMs = reduced ? 1000 : REDRAW_INTERVAL_MS;
  }

  setFontSize(px: number): void {
    this.fontSize = px;
    this.dirtyFrame = true;
  }

  ingest(frame: Frame): void {
    this.timeMs = Math.max(this.timeMs, frame.endStep * frame.dtMs);
    const probes = frame.probeIds.length;
    if (probes === 0 || frame.probeSampleCount === 0) return;
    const samples = frame.probeSamples;
    for (let p = 0; p < probes; p++) {
      const trace = this.traces.get(frame.probeIds[p]);
      if (!trace) continue;
      for (let k = 0; k < frame.probeSampleCount; k++) {
        const at = (k * probes + p) * CHANNELS;
        // sample k is the state after step startStep + k, i.e. at time (startStep + k + 1)·dt
        trace.add((frame.startStep + k + 1) * frame.dtMs, samples[at], samples[at + 1], samples[at + 2]);
      }
    }
    this.dirty = true;
  }

  layout(rect: ViewRect): void {
    this.rect = rect;
    this.container.position.set(rect.x, rect.y);
    this.dirtyFrame = true;
    this.dirty = true;
  }

  private strips(): { v: ViewRect; i: ViewRect; b: ViewRect } {
    const margin = scaledMargin(MARGIN, this.fontSize);
    const left = margin.left;
    const width = Math.max(1, this.rect.width - left - margin.right);
    const height = Math.max(3, this.rect.height - margin.top - margin.bottom - 2 * STRIP_GAP);
    const hv = Math.round(height * 0.4);
    const hi = Math.round(height * 0.35);
    const hb = height - hv - hi;
    const y0 = margin.top;
    return {
      v: { x: left, y: y0, width, height: hv },
      i: { x: left, y: y0 + hv + STRIP_GAP, width, height: hi },
      b: { x: left, y: y0 + hv + hi + 2 * STRIP_GAP, width, height: hb },
    };
  }

  draw(nowMs = performance.now()): boolean {
    if (!this.dirty && !this.dirtyFrame) return false;
    if (!this.dirtyFrame && nowMs - this.lastDrawMs < this.redrawIntervalMs) return false;
    this.lastDrawMs = nowMs;
    const axis = this.currentAxis();
    if (this.dirtyFrame || axis.min !== this.iAxis.min) {
      this.iAxis = axis;
      this.drawFrame();
      this.dirtyFrame = false;
    }
    this.dirty = false;
    this.drawData();
    return true;
  }

  /** The NMDA-current axis: down to the most inward current shown, in steps of 50 pA. */
  private currentAxis(): Scale {
    let most = 0;
    for (const id of this.ids) {
      const t = this.traces.get(id);
      if (!t || t.newest < 0) continue;
      for (let k = Math.max(0, t.newest - BUCKETS + 1); k <= t.newest; k++) {
        const s = k % BUCKETS;
        if (t.n[s] > 0) most = Math.min(most, t.i[s] / t.n[s]);
      }
    }
    const steps = [-10, -25, -50, -100, -200, -500, -1000, -2000, -5000];
    return { min: steps.find((m) => m <= most * 1.1) ?? steps[steps.length - 1], max: 0 };
  }

  private drawFrame(): void {
    const { v, i, b } = this.strips();
    const g = this.frameG;
    g.clear();
    clearLabels(this.labels);
    clearLabels(this.emptyLabel);
    const time: Scale = { min: -WINDOW_MS / 1000, max: 0 };
    const common = { x: time, xTicks: [] as number[], fontSize: this.fontSize, xTitle: '', yTitleInside: true };
    drawAxes(g, this.labels, { ...common, plot: v, y: V_AXIS, yTicks: [-80, -40], yTitle: 'V (mV)', formatY: minus });
    drawAxes(g, this.labels, {
      ...common,
      plot: i,
      y: this.iAxis,
      yTicks: [this.iAxis.min],
      yTitle: 'I_NMDA (pA)',
      formatY: minus,
    });
    drawAxes(g, this.labels, {
      ...common,
      plot: b,
      y: B_AXIS,
      yTicks: [0, 0.5],
      yTitle: 'B(V)',
      xTicks: [-3, -2, -1, 0],
      xTitle: '',
      formatX: (t) => (t === 0 ? 'now' : `−${-t} s`),
    });
    if (this.ids.length === 0) {
      addLabel(this.emptyLabel, 'Click a cell of the sheet to follow it', v.x + v.width * 0.55, v.y + v.height / 2, 0.5, 0.5, {
        fontSize: this.fontSize + 2,
        fill: THEME.label,
      });
    }
  }

  private drawData(): void {
    const strips = this.strips();
    const g = this.dataG;
    g.clear();
    const newestBucket = Math.floor(this.timeMs / BUCKET_MS);
    const xOf = (bucket: number, rect: ViewRect): number =>
      rect.x + rect.width - ((newestBucket - bucket) * BUCKET_MS * rect.width) / WINDOW_MS;
    this.ids.forEach((id, order) => {
      const t = this.traces.get(id);
      if (!t || t.newest < 0) return;
      const colour = PROBE_COLOURS[order % PROBE_COLOURS.length];
      const first = Math.max(0, t.newest - BUCKETS + 1, newestBucket - WINDOW_MS / BUCKET_MS);
      for (const [channel, rect, scale] of [
        [t.v, strips.v, V_AXIS],
        [t.i, strips.i, this.iAxis],
        [t.b, strips.b, B_AXIS],
      ] as const) {
        let started = false;
        for (let k = first; k <= t.newest; k++) {
          const s = k % BUCKETS;
          if (t.n[s] === 0) {
            started = false;
            continue;
          }
          const x = xOf(k, rect);
          const y = mapTo(channel[s] / t.n[s], scale, rect.y + rect.height, rect.y);
          if (!started) g.moveTo(x, y);
          else g.lineTo(x, y);
          started = true;
        }
        g.stroke({ width: 1.5, color: colour, join: 'round' });
      }
      // spikes: strokes from the trace to the top of the V strip
      const v = strips.v;
      for (let k = first; k <= t.newest; k++) {
        const s = k % BUCKETS;
        if (!t.spiked[s]) continue;
        const x = xOf(k, v);
        g.moveTo(x, v.y).lineTo(x, v.y + v.height * 0.45);
      }
      g.stroke({ width: 1.5, color: colour });
    });
  }

  /** Samples held per followed neuron (for tests). */
  samplesOf(id: number): number {
    const t = this.traces.get(id);
    if (!t) return 0;
    let n = 0;
    for (let s = 0; s < BUCKETS; s++) n += t.n[s];
    return n;
  }
}

function minus(v: number): string {
  return v < 0 ? `−${-v}` : String(v);
}
