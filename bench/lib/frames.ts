/**
 * Frame production and transfer, measured as the page sees it: the real worker module
 * (workers/sim.worker.ts) in a Node worker thread behind the same Comlink calls the page makes
 * (Comlink's node adapter stands in for the worker's `self`). Used by bench/frame-bench.ts and by
 * bench/bench.ts. Per frame it records
 *   stepMs     worker time stepping the network             (frame.workerStepMs)
 *   packMs     worker time packing it: drain, rate bins, voltage copy, online analysis (workerPackMs)
 *   analysisMs the online analysis alone, part of packMs                (frame.workerAnalysisMs)
 *   callMs     wall time of the whole advance call, seen from the main thread
 *   overheadMs callMs − stepMs − packMs: messages, structured clone of the frame with its buffers
 *              transferred, Comlink's bookkeeping, and the wake-ups of both threads
 *   copyMs     for contrast, structured-cloning the received frame without transfer (one copy)
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import { presetConfig, withNeurons } from '../../src/core/presets';
import type { SimWorkerApi } from '../../workers/sim.worker';

export interface FrameSample {
  stepMs: number;
  packMs: number;
  analysisMs: number;
  callMs: number;
  overheadMs: number;
  copyMs: number;
  spikes: number;
  bytes: number;
}

export interface FrameSizeResult {
  neurons: number;
  frameMs: number;
  frames: number;
  buildMs: number;
  median: Omit<FrameSample, 'spikes' | 'bytes'> & { spikes: number; bytes: number };
  p90: { stepMs: number; packMs: number; callMs: number; overheadMs: number };
  /** simulated ms per wall ms when pulling back to back (1 = real time) */
  realtimeFactor: number;
}

/** A worker_threads port as a Comlink endpoint (what comlink's node-adapter does, typed). */
export function nodeEndpoint(port: MessagePort | Worker): Comlink.Endpoint {
  const wrapped = new Map<unknown, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer as never),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const onMessage = (data: unknown) => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, onMessage);
      port.on('message', onMessage);
    },
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const onMessage = wrapped.get(listener);
      if (onMessage) port.off('message', onMessage);
      wrapped.delete(listener);
    },
  };
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * Frames of one sheet size, pulled like the page. `entryUrl` is the running entry module: it is
 * started again as the worker thread and must call runFrameWorker() there (see isFrameWorker()).
 */
export async function benchFrames(
  entryUrl: string,
  neurons: number,
  frames: number,
  warmupFrames: number,
  frameMs: number,
): Promise<FrameSizeResult> {
  const worker = new Worker(fileURLToPath(entryUrl), { workerData: { role: 'sim-worker' } });
  const api = Comlink.wrap<SimWorkerApi>(nodeEndpoint(worker));
  try {
    const built = await api.create(withNeurons(presetConfig('sheet'), neurons));
    await api.setProbes([0, 1, Math.floor(neurons / 2), neurons - 1]);
    // let the initial transient pass (the analysis wants a few hundred ms too)
    for (let t = 0; t < 300; t += 50) await api.advance({ durationMs: 50, wantVoltages: false });

    const samples: FrameSample[] = [];
    let simMs = 0;
    for (let f = 0; f < warmupFrames + frames; f++) {
      const c0 = performance.now();
      const frame = await api.advance({ durationMs: frameMs, wantVoltages: true });
      const callMs = performance.now() - c0;
      const k0 = performance.now();
      structuredClone(frame);
      const copyMs = performance.now() - k0;
      if (f < warmupFrames) continue;
      simMs += (frame.endStep - frame.startStep) * frame.dtMs;
      const arrays = [frame.spikeIds, frame.spikeSteps, frame.rateEHz, frame.rateIHz, frame.vMV, frame.probeIds, frame.probeSamples];
      samples.push({
        stepMs: frame.workerStepMs,
        packMs: frame.workerPackMs,
        analysisMs: frame.workerAnalysisMs,
        callMs,
        overheadMs: callMs - frame.workerStepMs - frame.workerPackMs,
        copyMs,
        spikes: frame.spikeIds.length,
        bytes: arrays.reduce((n, a) => n + a.byteLength, 0),
      });
    }
    const median = (key: keyof FrameSample) => quantile(samples.map((s) => s[key]), 0.5);
    const p90 = (key: keyof FrameSample) => quantile(samples.map((s) => s[key]), 0.9);
    const callSum = samples.reduce((n, s) => n + s.callMs, 0);
    return {
      neurons,
      frameMs,
      frames,
      buildMs: built.summary.buildMs,
      median: {
        stepMs: median('stepMs'),
        packMs: median('packMs'),
        analysisMs: median('analysisMs'),
        callMs: median('callMs'),
        overheadMs: median('overheadMs'),
        copyMs: median('copyMs'),
        spikes: median('spikes'),
        bytes: median('bytes'),
      },
      p90: { stepMs: p90('stepMs'), packMs: p90('packMs'), callMs: p90('callMs'), overheadMs: p90('overheadMs') },
      realtimeFactor: simMs / callSum,
    };
  } finally {
    api[Comlink.releaseProxy]();
    await worker.terminate();
  }
}

export function printFrameTable(results: FrameSizeResult[]): void {
  const rows = results.map((r) => [
    r.neurons.toLocaleString('en'),
    r.frameMs.toFixed(1),
    r.median.stepMs.toFixed(2),
    r.median.packMs.toFixed(3),
    r.median.analysisMs.toFixed(3),
    r.median.overheadMs.toFixed(3),
    r.median.callMs.toFixed(2),
    (((r.median.packMs + r.median.overheadMs) / r.median.stepMs) * 100).toFixed(1) + ' %',
    r.median.copyMs.toFixed(3),
    (r.median.bytes / 1024).toFixed(0),
    r.median.spikes.toFixed(0),
    r.realtimeFactor.toFixed(2),
  ]);
  const head = ['neurons', 'sim ms', 'step ms', 'pack ms', '(analysis)', 'overhead ms', 'call ms', '(pack+ovh)/step', 'copy ms', 'KiB', 'spikes', 'RT factor'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((s, c) => s.padStart(widths[c])).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log('medians over the measured frames; overhead = call − step − pack (messages, transfer, Comlink, wake-ups);');
  console.log('copy = structuredClone of one received frame without transfer, for contrast.');
}


/** True in the worker thread that benchFrames started. */
export function isFrameWorker(): boolean {
  return (workerData as { role?: string } | null)?.role === 'sim-worker';
}

/** Worker-thread side: the worker module exposes itself on `self`, here the parent port. */
export async function runFrameWorker(): Promise<void> {
  (globalThis as { self?: unknown }).self = nodeEndpoint(parentPort!);
  await import('../../workers/sim.worker');
}
