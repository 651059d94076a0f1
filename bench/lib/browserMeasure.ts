/**
 * What the browser bench measures inside the page, and how it reads the page's own figures.
 *
 * One page.evaluate runs a requestAnimationFrame loop for a fixed window and returns every frame
 * interval, the long tasks (> 50 ms on the main thread) seen meanwhile, and each new text of the
 * status line (`#status`) and of the performance overlay (`#perf`) with the time it was first seen.
 * The page writes both at most every 500 ms (STATUS_INTERVAL_MS), so a 5 s window holds about ten.
 */
import type { Page } from 'playwright-core';
import { parseStatus as parsePageStatus } from '../../src/ui/status';

export interface TextSample {
  /** performance.now() in the page when this text was first seen, ms */
  atMs: number;
  text: string;
}

export interface RawWindow {
  startMs: number;
  endMs: number;
  /** requestAnimationFrame intervals, ms */
  intervals: number[];
  longTasks: { startMs: number; durationMs: number }[];
  status: TextSample[];
  perf: TextSample[];
}

/**
 * Runs inside the page (serialised by Playwright: self-contained, no imports). The status and the
 * overlay are read once per frame; a text is recorded when it differs from the previous one.
 */
function measureInPage(durationMs: number): Promise<RawWindow> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    const longTasks: { startMs: number; durationMs: number }[] = [];
    const status: TextSample[] = [];
    const perf: TextSample[] = [];
    let observer: PerformanceObserver | null = null;
    try {
      observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
      });
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      observer = null;
    }
    const read = (id: string, into: TextSample[], now: number): void => {
      const el = document.getElementById(id);
      const text = el && !el.hidden ? (el.innerText || el.textContent || '').trim() : '';
      if (into.length === 0 || into[into.length - 1].text !== text) into.push({ atMs: now, text });
    };
    const startMs = performance.now();
    read('status', status, startMs);
    read('perf', perf, startMs);
    let last = 0;
    let first = 0;
    const tick = (t: number): void => {
      const now = performance.now();
      if (first === 0) first = t;
      if (last !== 0) intervals.push(t - last);
      last = t;
      read('status', status, now);
      read('perf', perf, now);
      if (t - first < durationMs) {
        requestAnimationFrame(tick);
      } else {
        observer?.disconnect();
        resolve({ startMs, endMs: now, intervals, longTasks, status, perf });
      }
    };
    requestAnimationFrame(tick);
  });
}

/** Measures one window; fails if the page does not finish it within the window plus graceMs. */
export async function measureWindow(page: Page, durationMs: number, graceMs = 60_000): Promise<RawWindow> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the page did not finish a ${durationMs} ms requestAnimationFrame window within ${graceMs} ms more (unresponsive?)`)),
      durationMs + graceMs,
    );
  });
  try {
    return await Promise.race([page.evaluate(measureInPage, durationMs), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ------------------------------------------------------------------ the page's own figures

export interface StatusFigures {
  timeS: number;
  mgMM: number;
  rateHz: number;
  bursts: number;
  /** the page's measured simulated ms per real ms; null while paused */
  realtime: number | null;
  fps: number;
}

/**
 * The status line's figures, read by the page's own parser (src/ui/status.ts), so that a change of
 * the line's form (its no-break spaces, the ion fields) cannot leave the benchmark reading nothing.
 */
export function parseStatus(text: string): StatusFigures | null {
  const v = parsePageStatus(text);
  if (v === null) return null;
  return {
    timeS: v.timeMs / 1000,
    mgMM: v.mgOutMM,
    rateHz: v.rateHz,
    bursts: v.bursts,
    realtime: v.paused ? null : v.realtimeFactor,
    fps: v.fps,
  };
}

/** The stepping-vs-drawing split of a frame, as the performance overlay says it. */
export interface FrameSplit {
  /** per worker frame, ms: the worker's step and pack, and the rest of the round trip (transfer, waits on either thread) */
  stepMs: number;
  packMs: number;
  waitMs: number;
  /** share of wall time the worker sat idle between chunks, % */
  workerIdlePct: number;
  /** the page thread: ingest per worker frame and draw per animation frame, ms, and its busy share, % */
  ingestMs: number;
  drawMs: number;
  mainBusyPct: number;
}

export interface OverlayFigures extends FrameSplit {
  /** worker step + pack time per simulated ms (1 / this = what the worker could do flat out) */
  workerMsPerSimMs: number;
  /** threads stepping the network, where the overlay says ("one thread" / "two threads"); NaN otherwise */
  workerThreads: number;
  /** main-thread time of a render (Stage.draw: views' updates + PixiJS render call), exponential average, ms */
  renderMs: number;
  fps: number;
  spikesPerS: number;
  workerFramesPerS: number;
  kibPerS: number;
}

const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?)`;
const num = (s: string): number => Number(s.replace(/,/g, ''));

/** The performance overlay's lines (src/ui/perfOverlay.ts formatPerf), joined by newlines or not. */
export function parseOverlay(text: string): OverlayFigures | null {
  const worker = new RegExp(`worker ${NUMBER} ms per simulated ms(?: \\((one thread|two threads)\\))?`).exec(text);
  const render = new RegExp(`render ${NUMBER} ms per frame`).exec(text);
  const fps = new RegExp(`(?:^|\\n|frame)\\s*${NUMBER} fps`).exec(text);
  const spikes = new RegExp(`${NUMBER} spikes/s`).exec(text);
  const frames = new RegExp(`${NUMBER} worker frames/s · ${NUMBER} KiB/s`).exec(text);
  const split = new RegExp(`step ${NUMBER} ms · pack ${NUMBER} ms · transfer/wait ${NUMBER} ms · worker idle ${NUMBER} %`).exec(text);
  const main = new RegExp(`ingest ${NUMBER} ms per worker frame · draw ${NUMBER} ms per frame · busy ${NUMBER} %`).exec(text);
  if (!worker || !render) return null;
  const at = (m: RegExpExecArray | null, k: number): number => (m ? num(m[k]) : Number.NaN);
  return {
    stepMs: at(split, 1),
    packMs: at(split, 2),
    waitMs: at(split, 3),
    workerIdlePct: at(split, 4),
    ingestMs: at(main, 1),
    drawMs: at(main, 2),
    mainBusyPct: at(main, 3),
    workerMsPerSimMs: num(worker[1]),
    workerThreads: worker[2] === undefined ? Number.NaN : worker[2] === 'two threads' ? 2 : 1,
    renderMs: num(render[1]),
    fps: fps ? num(fps[1]) : Number.NaN,
    spikesPerS: spikes ? num(spikes[1]) : Number.NaN,
    workerFramesPerS: frames ? num(frames[1]) : Number.NaN,
    kibPerS: frames ? num(frames[2]) : Number.NaN,
  };
}

// ------------------------------------------------------------------ statistics

export function quantile(values: readonly number[], q: number): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const at = (v.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return v[lo] + (v[hi] - v[lo]) * (at - lo);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export function mean(values: readonly number[]): number {
  const v = values.filter((x) => Number.isFinite(x));
  return v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length;
}

/** A window's figures; its FrameSplit is the medians of the overlay's samples (NaN where the page does not say). */
export interface WindowFigures extends FrameSplit {
  windowMs: number;
  frames: number;
  frameMedianMs: number;
  frameP90Ms: number;
  frameP95Ms: number;
  frameMaxMs: number;
  frameMeanMs: number;
  /** frames ÷ the time they span */
  fps: number;
  longTasks: number;
  longTaskMs: number;
  longTaskMaxMs: number;
  /** medians of the overlay's samples in the window (NaN without the overlay) */
  renderMs: number;
  workerMsPerSimMs: number;
  /** the overlay's thread count at the end of the window (NaN where the page does not say) */
  workerThreads: number;
  overlayFps: number;
  spikesPerS: number;
  workerFramesPerS: number;
  /** median of the status line's "× real time" */
  statusRealtime: number;
  /** simulated seconds advanced per wall second, from the status line's clock over the window */
  simSPerS: number;
  /** simulated seconds the status clock advanced in the window (0.1 s resolution) */
  simAdvancedS: number;
  rateHz: number;
  burstsAtStart: number;
  burstsAtEnd: number;
  statusFirst: string;
  statusLast: string;
}

export function summarise(raw: RawWindow): WindowFigures {
  const frames = raw.intervals.length;
  const spanMs = raw.intervals.reduce((a, b) => a + b, 0);
  const statuses = raw.status.map((s) => ({ atMs: s.atMs, f: parseStatus(s.text), text: s.text })).filter((s) => s.f !== null);
  const overlays = raw.perf.map((s) => parseOverlay(s.text)).filter((f): f is OverlayFigures => f !== null);
  // Simulated-time rate: between the first and the last change of the clock seen in the window
  // (the first sample may be up to 500 ms old when the window starts, so it is not used as a time).
  let simSPerS = Number.NaN;
  let simAdvancedS = Number.NaN;
  if (statuses.length >= 2) {
    const first = statuses[0].f!;
    const last = statuses[statuses.length - 1].f!;
    simAdvancedS = Math.round((last.timeS - first.timeS) * 10) / 10;
    const changes = statuses.slice(1);
    if (changes.length >= 2) {
      const a = changes[0];
      const b = changes[changes.length - 1];
      const wallS = (b.atMs - a.atMs) / 1000;
      if (wallS > 0.5) simSPerS = (b.f!.timeS - a.f!.timeS) / wallS;
    }
  }
  const realtimes = statuses.map((s) => s.f!.realtime).filter((x): x is number => x !== null);
  return {
    windowMs: raw.endMs - raw.startMs,
    frames,
    frameMedianMs: median(raw.intervals),
    frameP90Ms: quantile(raw.intervals, 0.9),
    frameP95Ms: quantile(raw.intervals, 0.95),
    frameMaxMs: frames > 0 ? Math.max(...raw.intervals) : Number.NaN,
    frameMeanMs: frames > 0 ? spanMs / frames : Number.NaN,
    fps: spanMs > 0 ? (frames * 1000) / spanMs : 0,
    longTasks: raw.longTasks.length,
    longTaskMs: raw.longTasks.reduce((a, t) => a + t.durationMs, 0),
    longTaskMaxMs: raw.longTasks.length > 0 ? Math.max(...raw.longTasks.map((t) => t.durationMs)) : 0,
    renderMs: median(overlays.map((o) => o.renderMs)),
    workerMsPerSimMs: median(overlays.map((o) => o.workerMsPerSimMs)),
    workerThreads: overlays.length > 0 ? overlays[overlays.length - 1].workerThreads : Number.NaN,
    overlayFps: median(overlays.map((o) => o.fps)),
    spikesPerS: median(overlays.map((o) => o.spikesPerS)),
    workerFramesPerS: median(overlays.map((o) => o.workerFramesPerS)),
    stepMs: median(overlays.map((o) => o.stepMs)),
    packMs: median(overlays.map((o) => o.packMs)),
    waitMs: median(overlays.map((o) => o.waitMs)),
    workerIdlePct: median(overlays.map((o) => o.workerIdlePct)),
    ingestMs: median(overlays.map((o) => o.ingestMs)),
    drawMs: median(overlays.map((o) => o.drawMs)),
    mainBusyPct: median(overlays.map((o) => o.mainBusyPct)),
    statusRealtime: median(realtimes),
    simSPerS,
    simAdvancedS,
    rateHz: median(statuses.map((s) => s.f!.rateHz)),
    burstsAtStart: statuses.length > 0 ? statuses[0].f!.bursts : Number.NaN,
    burstsAtEnd: statuses.length > 0 ? statuses[statuses.length - 1].f!.bursts : Number.NaN,
    statusFirst: raw.status[0]?.text ?? '',
    statusLast: raw.status[raw.status.length - 1]?.text ?? '',
  };
}

// ------------------------------------------------------------------ presented frames (trace)

/** The trace category that carries Chromium's per-frame PipelineReporter events (cheap: ~10k events/s). */
export const FRAME_TRACE_CATEGORIES = ['disabled-by-default-devtools.timeline.frame'];

export interface PresentedFigures {
  traceS: number;
  /** compositor frame opportunities (BeginFrames) the renderer reported in the trace */
  frames: number;
  presented: number;
  dropped: number;
  /** presented frames per second: what reaches the screen, not what requestAnimationFrame runs */
  presentedFps: number;
  droppedShare: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  ts: number;
  args?: { frame_reporter?: { frame_sequence?: number; state?: string } };
}

/**
 * Presented and dropped frames from a Chromium trace: each frame sequence of the page's renderer has
 * one or more PipelineReporter events; a sequence is presented if any of them is STATE_PRESENTED_*.
 * requestAnimationFrame can run at 60 Hz while most of those frames are dropped because the GPU
 * process (SwiftShader here) cannot keep up — this is the figure that shows it.
 */
export function presentedFrames(traceJson: string): PresentedFigures {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const reporters = events.filter((e) => e.name === 'PipelineReporter' && e.ph === 'b' && e.args?.frame_reporter?.state);
  // the page's renderer: the process with the most reporters
  const perPid = new Map<number, number>();
  for (const e of reporters) perPid.set(e.pid, (perPid.get(e.pid) ?? 0) + 1);
  const pid = [...perPid.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sequences = new Map<number, { presented: boolean; ts: number }>();
  for (const e of reporters) {
    if (e.pid !== pid) continue;
    const f = e.args!.frame_reporter!;
    const seq = f.frame_sequence ?? e.ts;
    const s = sequences.get(seq) ?? { presented: false, ts: e.ts };
    if (f.state!.startsWith('STATE_PRESENTED')) s.presented = true;
    sequences.set(seq, s);
  }
  const ts = [...sequences.values()].map((s) => s.ts);
  const frames = sequences.size;
  const presented = [...sequences.values()].filter((s) => s.presented).length;
  // the span of the frames seen, plus one frame's worth, so that N frames at 60 Hz read 60 fps
  const spanS = frames >= 2 ? ((Math.max(...ts) - Math.min(...ts)) / 1e6) * (frames / (frames - 1)) : Number.NaN;
  return {
    traceS: spanS,
    frames,
    presented,
    dropped: frames - presented,
    presentedFps: presented / spanS,
    droppedShare: frames > 0 ? (frames - presented) / frames : Number.NaN,
  };
}
