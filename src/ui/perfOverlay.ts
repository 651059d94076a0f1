/**
 * The performance overlay (O or its checkbox): worker milliseconds per simulated millisecond,
 * render milliseconds per frame, frames per second, and spikes per second crossing the worker
 * boundary — over the last second of wall time, refreshed twice a second.
 */
import type { Frame } from '../protocol/types';

interface Sample {
  atMs: number;
  workMs: number;
  simMs: number;
  spikes: number;
  bytes: number;
  threads: number;
}

const WINDOW_MS = 1000;

export interface PerfFigures {
  workerMsPerSimMs: number;
  /** threads stepping the network in the latest frame (2: a helper thread steps half of it) */
  workerThreads: number;
  renderMs: number;
  fps: number;
  spikesPerS: number;
  framesPerS: number;
  kbPerS: number;
}

export class PerfMeter {
  private readonly samples: Sample[] = [];

  add(frame: Frame, nowMs: number): void {
    const bytes =
      frame.spikeIds.byteLength +
      frame.spikeSteps.byteLength +
      frame.vMV.byteLength +
      frame.rateEHz.byteLength +
      frame.rateIHz.byteLength +
      frame.probeSamples.byteLength;
    this.samples.push({
      atMs: nowMs,
      workMs: frame.workerStepMs + frame.workerPackMs,
      simMs: (frame.endStep - frame.startStep) * frame.dtMs,
      spikes: frame.spikeIds.length,
      bytes,
      threads: frame.workerThreads,
    });
    this.prune(nowMs);
  }

  private prune(nowMs: number): void {
    while (this.samples.length > 0 && this.samples[0].atMs < nowMs - WINDOW_MS) this.samples.shift();
  }

  figures(nowMs: number, renderMs: number, fps: number): PerfFigures {
    this.prune(nowMs);
    let work = 0;
    let sim = 0;
    let spikes = 0;
    let bytes = 0;
    for (const s of this.samples) {
      work += s.workMs;
      sim += s.simMs;
      spikes += s.spikes;
      bytes += s.bytes;
    }
    const spanS = WINDOW_MS / 1000;
    return {
      workerMsPerSimMs: sim > 0 ? work / sim : 0,
      workerThreads: this.samples.length > 0 ? this.samples[this.samples.length - 1].threads : 1,
      renderMs,
      fps,
      spikesPerS: spikes / spanS,
      framesPerS: this.samples.length / spanS,
      kbPerS: bytes / 1024 / spanS,
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
