/**
 * The ions beside the views: a readout of the frame's ion field ([K⁺]o mean and highest patch,
 * [Na⁺]i, E_K, the bath's K⁺ and Ca²⁺), traces of them over the last minute of simulated time with
 * the ictal events shaded, and the Nernst panel — E_K against [K⁺]o with the present value on the
 * curve. Redrawn twice a second at most (from the frame loop's slow tick), as 2D canvases
 * (chart2d.ts): a few hundred points, no per-frame cost. With fixed ions it says so.
 */
import { K_IN_REST_MM } from '../core/ions/constants';
import { nernstMV } from '../core/ions/physics';
import type { Frame } from '../protocol/types';
import { drawChart } from './chart2d';
import type { Series } from './chart2d';
import { setText } from './dom';

/** Simulated time the traces cover, ms, and the spacing of their samples, ms. */
export const ION_TRACE_WINDOW_MS = 60_000;
export const ION_SAMPLE_MS = 250;
const CAPACITY = Math.ceil(ION_TRACE_WINDOW_MS / ION_SAMPLE_MS) + 1;

export interface IonSample {
  timeMs: number;
  kMeanMM: number;
  kMaxMM: number;
  naMM: number;
  eKMV: number;
  ictal: boolean;
}

/** The last minute of ion samples, one per ION_SAMPLE_MS of simulated time. Pure. */
export class IonHistory {
  readonly samples: IonSample[] = [];
  private lastMs = -Infinity;

  clear(): void {
    this.samples.length = 0;
    this.lastMs = -Infinity;
  }

  add(frame: Frame): void {
    const ions = frame.ions;
    const timeMs = frame.endStep * frame.dtMs;
    if (!ions || timeMs - this.lastMs < ION_SAMPLE_MS) return;
    this.lastMs = timeMs;
    this.samples.push({
      timeMs,
      kMeanMM: ions.kOutMeanMM,
      kMaxMM: ions.kOutMaxMM,
      naMM: ions.naInMeanMM,
      eKMV: ions.eKMeanMV,
      ictal: frame.analysis.inIctalEvent,
    });
    while (this.samples.length > CAPACITY || (this.samples.length > 0 && this.samples[0].timeMs < timeMs - ION_TRACE_WINDOW_MS)) this.samples.shift();
  }
}

const COLOUR = { kMean: '#ff9f43', kMax: '#ffd08a', na: '#b59cff', eK: '#46c4e6', curve: '#8a96a8', ictal: 'rgba(255,122,47,0.18)' };

/** The hall's [K⁺]o trace (presentation mode, beside the K⁺ slider) covers the rate view's 30 s. */
const HALL_WINDOW_MS = 30_000;

export class IonsPanel {
  readonly history = new IonHistory();
  private latest: Frame | null = null;
  private readonly readout: HTMLElement;
  private readonly traces: HTMLCanvasElement;
  private readonly nernst: HTMLCanvasElement;
  private readonly hallTrace: HTMLCanvasElement | null;
  private fontPx = 13;

  constructor(doc: Document) {
    this.readout = doc.getElementById('ions-readout')!;
    this.traces = doc.getElementById('ions-traces') as HTMLCanvasElement;
    this.nernst = doc.getElementById('ions-nernst') as HTMLCanvasElement;
    this.hallTrace = doc.getElementById('ions-hall-trace') as HTMLCanvasElement | null;
  }

  clear(): void {
    this.history.clear();
    this.latest = null;
  }

  frame(frame: Frame): void {
    this.history.add(frame);
    this.latest = frame;
  }

  setFontSize(px: number): void {
    this.fontPx = px;
  }

  /** Rewrites the readout and redraws both charts (the frame loop's slow tick). */
  show(): void {
    const frame = this.latest;
    if (!frame) return;
    const ions = frame.ions;
    const live = frame.live;
    const bath = `bath K⁺ ${live.kBathMM.toFixed(1)} mM · Ca²⁺ ${live.caOutMM.toFixed(1)} mM · Mg²⁺ ${live.mgOutMM.toFixed(2)} mM`;
    if (!ions) {
      setText(this.readout, `Fixed ions: [K⁺]o and [Na⁺]i do not move, and the cells see the normal bath. (${bath})`);
      this.readout.dataset.ions = 'off';
    } else {
      setText(
        this.readout,
        `[K⁺]o mean ${ions.kOutMeanMM.toFixed(1)} mM, highest patch ${ions.kOutMaxMM.toFixed(1)} mM · [Na⁺]i ${ions.naInMeanMM.toFixed(1)} mM · E_K ${formatMV(ions.eKMeanMV)} · ${bath}${frame.analysis.inIctalEvent ? ' · ictal event under way' : ''}`,
      );
      this.readout.dataset.ions = 'on';
      this.readout.dataset.kMax = ions.kOutMaxMM.toFixed(2);
    }
    this.readout.dataset.caOut = String(live.caOutMM);
    this.readout.dataset.kBath = String(live.kBathMM);
    this.drawTraces(frame.endStep * frame.dtMs);
    this.drawNernst(ions ? { kMM: ions.kOutMeanMM, kMaxMM: ions.kOutMaxMM, eKMV: ions.eKMeanMV } : null);
    this.drawHallTrace(frame.endStep * frame.dtMs, ions !== null);
  }

  /** The latest ictal stretch among the samples as a chart band (x = seconds before now), if any. */
  private ictalBand(nowMs: number, fromMs: number): { from: number; to: number; colour: string; label: string } | undefined {
    const s = this.history.samples;
    const first = s.findIndex((p) => p.ictal && p.timeMs >= fromMs);
    if (first < 0) return undefined;
    let last = first;
    while (last + 1 < s.length && s[last + 1].ictal) last++;
    return { from: (s[first].timeMs - nowMs) / 1000, to: (s[last].timeMs - nowMs) / 1000, colour: COLOUR.ictal, label: 'ictal' };
  }

  /**
   * Presentation mode's [K⁺]o trace: the mean and the highest patch over the last 30 s, in the hall's
   * type (the canvas's --label-px, presentation.css), margins sized to it; drawn only while shown.
   */
  private drawHallTrace(nowMs: number, ionsOn: boolean): void {
    const canvas = this.hallTrace;
    if (!canvas) return;
    // with fixed ions there is no trace to show: the space is kept (presentation.css), so nothing moves
    if (canvas.dataset.ions !== (ionsOn ? 'on' : 'off')) canvas.dataset.ions = ionsOn ? 'on' : 'off';
    if (canvas.clientWidth === 0 || !ionsOn) return;
    const px = parseFloat(getComputedStyle(canvas).getPropertyValue('--label-px')) || this.fontPx;
    const s = this.history.samples.filter((p) => p.timeMs >= nowMs - HALL_WINDOW_MS);
    const x = (t: number): number => (t - nowMs) / 1000;
    drawChart(
      canvas,
      {
        xTitle: '',
        yTitle: '',
        x: { min: -HALL_WINDOW_MS / 1000, max: 0, ticks: [-30, -20, -10, 0] },
        y: { min: 2, max: 14, ticks: [3.5, 12] },
        series: [
          { label: '[K⁺]o mean, mM', colour: COLOUR.kMean, points: s.map((p) => ({ x: x(p.timeMs), y: p.kMeanMM })), style: { line: true } },
          { label: 'highest', colour: COLOUR.kMax, points: s.map((p) => ({ x: x(p.timeMs), y: p.kMaxMM })), style: { line: true, dashed: true } },
        ],
        band: this.ictalBand(nowMs, nowMs - HALL_WINDOW_MS),
        margin: { left: Math.round(px * 2.4), right: Math.round(px * 0.8), top: Math.round(px * 0.5), bottom: Math.round(px * 1.4) },
      },
      px,
    );
  }

  private drawTraces(nowMs: number): void {
    if (this.traces.clientWidth === 0) return;
    const s = this.history.samples;
    const x = (t: number): number => (t - nowMs) / 1000;
    const series: Series[] = [
      { label: '[K⁺]o mean', colour: COLOUR.kMean, points: s.map((p) => ({ x: x(p.timeMs), y: p.kMeanMM })), style: { line: true } },
      { label: '[K⁺]o highest', colour: COLOUR.kMax, points: s.map((p) => ({ x: x(p.timeMs), y: p.kMaxMM })), style: { line: true, dashed: true } },
      { label: '[Na⁺]i', colour: COLOUR.na, points: s.map((p) => ({ x: x(p.timeMs), y: p.naMM })), style: { line: true } },
      { label: 'E_K', colour: COLOUR.eK, points: s.map((p) => ({ x: x(p.timeMs), y: p.eKMV })), style: { line: true }, axis: 'right' },
    ];
    // the ictal stretch as a band (the first one in the window)
    const band = this.ictalBand(nowMs, -Infinity);
    drawChart(
      this.traces,
      {
        xTitle: 'simulated time before now, s',
        yTitle: 'mM',
        yRightTitle: 'E_K, mV',
        x: { min: -ION_TRACE_WINDOW_MS / 1000, max: 0, ticks: [-60, -45, -30, -15, 0] },
        y: { min: 0, max: 25, ticks: [0, 5, 10, 15, 20, 25] },
        yRight: { min: -110, max: -60, ticks: [-110, -100, -90, -80, -70, -60] },
        series,
        band,
      },
      this.fontPx,
    );
  }

  private drawNernst(now: { kMM: number; kMaxMM: number; eKMV: number } | null): void {
    if (this.nernst.clientWidth === 0) return;
    const curve: { x: number; y: number }[] = [];
    for (let k = 2; k <= 14.001; k += 0.25) curve.push({ x: k, y: nernstMV(k, K_IN_REST_MM) });
    const series: Series[] = [
      { label: `E_K = (RT/F) ln([K⁺]o / ${K_IN_REST_MM} mM)`, colour: COLOUR.curve, points: curve, style: { line: true } },
    ];
    if (now) {
      series.push({ label: 'now (mean)', colour: COLOUR.kMean, points: [{ x: now.kMM, y: now.eKMV }], style: { dots: true } });
      series.push({ label: 'highest patch', colour: COLOUR.kMax, points: [{ x: now.kMaxMM, y: nernstMV(now.kMaxMM, K_IN_REST_MM) }], style: { dots: true } });
    }
    drawChart(
      this.nernst,
      {
        xTitle: '[K⁺]o, mM',
        yTitle: 'E_K, mV',
        x: { min: 2, max: 14, ticks: [2, 3.5, 6, 8.5, 10, 12, 14] },
        y: { min: -120, max: -60, ticks: [-120, -105, -90, -75, -60] },
        series,
      },
      this.fontPx,
    );
  }
}

function formatMV(mv: number): string {
  return `${mv < 0 ? '−' : ''}${Math.abs(mv).toFixed(0)} mV`;
}
