/**
 * The performance overlay (O or its checkbox): worker milliseconds per simulated millisecond,
 * render milliseconds per frame, frames per second, spikes per second crossing the worker boundary,
 * and where each frame's time goes — the worker's step, pack and idle time, the round trip's
 * transfer and waits, this thread's ingest and draw — over the last second of wall time, refreshed
 * twice a second; then the page's first simulated frame and the [Mg]o-change-to-drawn latency
 * (changeLatency.ts). The same figures are performance marks and measures (PAGE_MARKS), for the bench.
 */
import type { Frame } from '../protocol/types';
import { ChangeLatency } from './changeLatency';

/** performance.mark / measure names the page sets (bench/lib/browserMeasure.ts reads them). */
export const PAGE_MARKS = {
  start: 'mg:start',
  viewsReady: 'mg:views-ready',
  fitted: 'mg:fitted',
  /** the first network was adopted by the views (its build, in the worker, is over) */
  adopted: 'mg:adopted',
  /** the first frame carrying simulated time > 0 has been drawn (time since navigation start) */
  firstFrame: 'mg:first-frame-drawn',
  /** a measure per [Mg]o change: from the slider's input to the draw of the first frame that carries it */
  mgDrawn: 'mg:mg-to-drawn',
} as const;

interface Sample {
  atMs: number;
  workMs: number;
  stepMs: number;
  packMs: number;
  idleMs: number;
  /** the pull's round trip minus the worker's step and pack: transfer and waits on either thread */
  waitMs: number;
  simMs: number;
  spikes: number;
  bytes: number;
  threads: number;
}

/** main-thread work at a time: a draw, or a frame's ingest */
interface ThreadSample {
  atMs: number;
  ms: number;
}

const WINDOW_MS = 1000;

function prune<T extends { atMs: number }>(samples: T[], nowMs: number): void {
  while (samples.length > 0 && samples[0].atMs < nowMs - WINDOW_MS) samples.shift();
}

export interface PerfFigures {
  workerMsPerSimMs: number;
  /** threads stepping the network in the latest frame (2: a helper thread steps half of it) */
  workerThreads: number;
  renderMs: number;
  fps: number;
  spikesPerS: number;
  framesPerS: number;
  kbPerS: number;
  /** means per worker frame, ms: step, pack, and the rest of the round trip (transfer, waits) */
  stepMs: number;
  packMs: number;
  waitMs: number;
  /** share of the window the worker sat idle between chunks, 0–1 */
  workerIdleShare: number;
  /** this thread, ms: taking a frame in (views, spike memory, panels), mean per worker frame; drawing, mean per animation frame */
  ingestMs: number;
  drawMs: number;
  /** share of the window this thread spent ingesting and drawing, 0–1 */
  mainBusyShare: number;
  /** the first simulated frame drawn, s after navigation start (null until then) */
  firstFrameS: number | null;
  /** [Mg]o change to drawn: median and p95 of the latest changes, ms, and how many (0: none yet) */
  mgDrawnMedianMs: number;
  mgDrawnP95Ms: number;
  mgChanges: number;
}

export class PerfMeter {
  private readonly samples: Sample[] = [];
  private readonly draws: ThreadSample[] = [];
  private readonly ingests: ThreadSample[] = [];
  readonly mgLatency = new ChangeLatency();
  firstFrameMs: number | null = null;

  /** A worker frame arrived after roundTripMs (ask to answer) and took ingestMs on this thread. */
  add(frame: Frame, nowMs: number, roundTripMs = 0, ingestMs = 0): void {
    const bytes =
      frame.spikeIds.byteLength +
      frame.spikeSteps.byteLength +
      frame.vMV.byteLength +
      frame.rateEHz.byteLength +
      frame.rateIHz.byteLength +
      frame.probeSamples.byteLength;
    const workMs = frame.workerStepMs + frame.workerPackMs;
    this.samples.push({
      atMs: nowMs,
      workMs,
      stepMs: frame.workerStepMs,
      packMs: frame.workerPackMs,
      idleMs: frame.workerIdleMs,
      waitMs: Math.max(0, roundTripMs - workMs),
      simMs: (frame.endStep - frame.startStep) * frame.dtMs,
      spikes: frame.spikeIds.length,
      bytes,
      threads: frame.workerThreads,
    });
    this.ingests.push({ atMs: nowMs, ms: ingestMs });
    prune(this.samples, nowMs);
    prune(this.ingests, nowMs);
  }

  /** This thread drew the views for drawMs in the animation frame at nowMs. */
  addDraw(drawMs: number, nowMs: number): void {
    this.draws.push({ atMs: nowMs, ms: drawMs });
    prune(this.draws, nowMs);
  }

  figures(nowMs: number, renderMs: number, fps: number): PerfFigures {
    prune(this.samples, nowMs);
    prune(this.draws, nowMs);
    prune(this.ingests, nowMs);
    let work = 0;
    let sim = 0;
    let spikes = 0;
    let bytes = 0;
    let step = 0;
    let pack = 0;
    let wait = 0;
    let idle = 0;
    for (const s of this.samples) {
      work += s.workMs;
      sim += s.simMs;
      spikes += s.spikes;
      bytes += s.bytes;
      step += s.stepMs;
      pack += s.packMs;
      wait += s.waitMs;
      idle += s.idleMs;
    }
    let draw = 0;
    for (const d of this.draws) draw += d.ms;
    let ingest = 0;
    for (const d of this.ingests) ingest += d.ms;
    const n = this.samples.length;
    const perFrame = (total: number): number => (n > 0 ? total / n : 0);
    const spanS = WINDOW_MS / 1000;
    const latency = this.mgLatency.figures();
    return {
      workerMsPerSimMs: sim > 0 ? work / sim : 0,
      workerThreads: this.samples.length > 0 ? this.samples[this.samples.length - 1].threads : 1,
      renderMs,
      fps,
      spikesPerS: spikes / spanS,
      framesPerS: this.samples.length / spanS,
      kbPerS: bytes / 1024 / spanS,
      stepMs: perFrame(step),
      packMs: perFrame(pack),
      waitMs: perFrame(wait),
      workerIdleShare: Math.min(1, idle / WINDOW_MS),
      ingestMs: this.ingests.length > 0 ? ingest / this.ingests.length : 0,
      drawMs: this.draws.length > 0 ? draw / this.draws.length : 0,
      mainBusyShare: Math.min(1, (draw + ingest) / WINDOW_MS),
      firstFrameS: this.firstFrameMs === null ? null : this.firstFrameMs / 1000,
      mgDrawnMedianMs: latency.medianMs,
      mgDrawnP95Ms: latency.p95Ms,
      mgChanges: latency.count,
    };
  }
}

export function formatPerf(f: PerfFigures): string[] {
  return [
    `worker ${f.workerMsPerSimMs.toFixed(2)} ms per simulated ms (${f.workerThreads === 2 ? 'two threads' : 'one thread'})`,
    `render ${f.renderMs.toFixed(1)} ms per frame`,
    `${Math.round(f.fps)} fps`,
    `${Math.round(f.spikesPerS).toLocaleString('en')} spikes/s across the worker boundary`,
    `${Math.round(f.framesPerS)} worker frames/s · ${Math.round(f.kbPerS).toLocaleString('en')} KiB/s`,
    `per worker frame: step ${f.stepMs.toFixed(1)} ms · pack ${f.packMs.toFixed(1)} ms · transfer/wait ${f.waitMs.toFixed(1)} ms · worker idle ${Math.round(f.workerIdleShare * 100)} %`,
    `page thread: ingest ${f.ingestMs.toFixed(1)} ms per worker frame · draw ${f.drawMs.toFixed(1)} ms per frame · busy ${Math.round(f.mainBusyShare * 100)} %`,
    f.firstFrameS === null ? 'first frame: not yet' : `first frame ${f.firstFrameS.toFixed(2)} s after load`,
    f.mgChanges === 0
      ? '[Mg]o change to drawn: no change yet'
      : `[Mg]o change to drawn: median ${Math.round(f.mgDrawnMedianMs)} ms · p95 ${Math.round(f.mgDrawnP95Ms)} ms (${f.mgChanges} changes)`,
  ];
}

/** The overlay's box and its checkbox (O toggles it too); its lines are rewritten with the status line. */
export class PerfOverlay {
  readonly meter = new PerfMeter();
  private readonly box: HTMLElement;
  private readonly toggleBox: HTMLInputElement;

  constructor(
    doc: Document,
    /** rewrites the lines now (when the overlay is shown) */
    private readonly refresh: () => void,
  ) {
    this.box = doc.getElementById('perf')!;
    this.toggleBox = doc.getElementById('perf-toggle') as HTMLInputElement;
    this.toggleBox.addEventListener('change', () => this.set(this.toggleBox.checked));
  }

  get shown(): boolean {
    return !this.box.hidden;
  }

  set(on: boolean): void {
    this.box.hidden = !on;
    this.toggleBox.checked = on;
    this.refresh();
  }

  toggle(): void {
    this.set(!this.shown);
  }

  show(figures: PerfFigures): void {
    const doc = this.box.ownerDocument;
    this.box.replaceChildren(
      ...formatPerf(figures).map((line) => {
        const div = doc.createElement('div');
        div.textContent = line;
        return div;
      }),
    );
  }
}
