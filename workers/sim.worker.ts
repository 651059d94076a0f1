/**
 * The simulation worker: a thin adapter that exposes the DOM-free core through a few coarse Comlink
 * calls. Each call validates its input (the core throws a ParameterError naming the field) before it
 * changes anything, so a bad value rejects the call and the worker keeps its state. Frames leave as
 * transferred buffers; the worker keeps no reference to what it hands over.
 */
import * as Comlink from 'comlink';
import { analysisNetworkOf, OnlineAnalyser } from '../src/analysis';
import { checkField, MAX_ADVANCE_STEPS, NETWORK_RANGES, ParameterError, Simulation, validateConfig } from '../src/core';
import type { NetworkConfig } from '../src/core';
import { runSweep } from '../src/experiments/sweep';
import { fitNeurons } from '../src/core/fitDevice';
import type { HeartbeatMessage } from '../src/client/heartbeat';
import type {
  AdvanceRequest,
  CreateResult,
  Frame,
  LiveParams,
  SimWorkerContract,
  FitRequest,
  SpeedSample,
  SweepProgressListener,
  SweepRequest,
  SweepResult,
  ThreadMode,
  TransferReport,
} from '../src/protocol/types';
import { packFrame, rateBinStepsOf } from './framePacker';
import { recordingBuffers, SessionRecorder } from '../src/export/sessionRecording';
import type { SessionRecording } from '../src/export/sessionRecording';

let sim: Simulation | null = null;
let analyser: OnlineAnalyser | null = null;
/** The session since the last build, for the NWB download (bounded: src/export/sessionRecording.ts). */
let recording: SessionRecorder | null = null;
/** The buffers of the last frame, kept only to report that the transfer detached them. */
let lastTransfer: ArrayBuffer[] = [];
let sweepRunning = false;
let sweepCancelled = false;
/** The helper thread that steps half of each network (started once, where memory can be shared). */
let sliceWorker: Worker | null = null;
let threadMode: ThreadMode = 'auto';
/** When the last frame was packed (worker clock, ms): the gap to the next advance is the worker's idle time. */
let lastPackedAtMs: number | null = null;
/** A speed measurement steps in batches of this many simulated ms, checking the clock between them. */
const SPEED_BATCH_MS = 5;
/** A speed measurement never steps more than this much simulated time, ms. */
const SPEED_MAX_SIM_MS = 10_000;

/** A view on a detached buffer cannot be made (ArrayBuffer.prototype.detached is not in Node 20). */
function isDetached(buffer: ArrayBuffer): boolean {
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

function requireSim(): Simulation {
  if (!sim) throw new Error('No network yet: call create(config) first');
  return sim;
}

/**
 * True in a real worker thread. A test harness that runs this file on the test's own thread
 * (@vitest/web-worker) would run the helper there too, and a helper waiting in Atomics.wait on the
 * thread that should wake it never wakes.
 */
function inRealWorker(): boolean {
  const scope = (globalThis as unknown as { WorkerGlobalScope?: abstract new () => object }).WorkerGlobalScope;
  return typeof scope === 'function' && self instanceof scope;
}

/**
 * Hands half of the network to the helper thread, starting it on first use. Where the page is not
 * cross-origin isolated the network's memory is not shared and one thread steps it all (the same
 * spikes). The helper answers within a few frames; until then this thread steps both halves.
 */
function attachSliceWorker(network: Simulation['network']): void {
  if (!network.attachHelperPossible || threadMode === 'one' || !inRealWorker()) return;
  try {
    sliceWorker ??= new Worker(new URL('./slice.worker.ts', import.meta.url), { type: 'module' });
    network.attachHelper(sliceWorker, threadMode === 'two' ? 'always' : 'adaptive');
  } catch {
    sliceWorker = null; // nested workers unavailable: one thread
  }
}

/** Builds a network; the old one is released first (after validation), so two never share memory. */
function build(config: NetworkConfig, probeIds: ArrayLike<number> = []): CreateResult {
  validateConfig(config);
  const t0 = performance.now();
  sim?.network.detachHelper(); // the helper lets go of the old network's memory
  sim = null;
  analyser = null;
  recording = null;
  lastPackedAtMs = null;
  const built = Simulation.create(config);
  if (probeIds.length > 0) built.setProbes(probeIds);
  attachSliceWorker(built.network);
  analyser = new OnlineAnalyser(analysisNetworkOf(built.network));
  sim = built;
  recording = new SessionRecorder(built);
  const { layout } = built.network;
  const siteOfNeuron = layout.siteOfNeuron.slice(); // the analyser keeps the original
  const result: CreateResult = {
    summary: { ...built.summary },
    config: structuredClone(built.config),
    width: layout.width,
    height: layout.height,
    excitatory: built.network.excitatory,
    siteOfNeuron,
    live: { ...built.live },
    rateBinMs: rateBinStepsOf(built.config.dtMs) * built.config.dtMs,
    workerBuildMs: performance.now() - t0,
    fit: null,
  };
  return Comlink.transfer(result, [siteOfNeuron.buffer]);
}

const api = {
  create(config: NetworkConfig, fit?: FitRequest): CreateResult {
    if (fit === undefined) return build(config);
    validateConfig(config);
    if (fit === null || typeof fit !== 'object') throw new ParameterError('fit', fit, 'an object');
    checkField('fit.sampleNeurons', fit.sampleNeurons, NETWORK_RANGES.neurons);
    const choice = fitNeurons(api.measureSpeed({ ...config, neurons: fit.sampleNeurons }, fit.budgetMs), config.neurons);
    const result = build({ ...config, neurons: choice.neurons });
    result.fit = choice;
    return result;
  },

  advance(request: AdvanceRequest): Frame {
    const s = requireSim();
    if (request === null || typeof request !== 'object') throw new ParameterError('request', request, 'an object');
    const dtMs = s.config.dtMs;
    checkField('durationMs', request.durationMs, { min: 0, max: MAX_ADVANCE_STEPS * dtMs, unit: 'ms' });
    if (typeof request.wantVoltages !== 'boolean') {
      throw new ParameterError('wantVoltages', request.wantVoltages, 'true or false');
    }
    if (request.live !== undefined) api.setLive(request.live); // validated before anything changes
    const steps = Math.round(request.durationMs / dtMs);
    const startStep = s.stepIndex;
    const threadedBefore = s.network.threadedSteps;
    const t0 = performance.now();
    const idleMs = lastPackedAtMs === null ? 0 : t0 - lastPackedAtMs;
    s.advance(steps);
    const stepMs = performance.now() - t0;
    const threads = s.network.threadedSteps > threadedBefore ? 2 : 1;
    const { frame, transfer } = packFrame(s, analyser!, startStep, request.wantVoltages, stepMs, threads);
    frame.workerIdleMs = idleMs;
    recording?.addChunk(frame.spikeIds, frame.spikeSteps); // copied before the transfer
    lastTransfer = transfer;
    lastPackedAtMs = performance.now();
    return Comlink.transfer(frame, transfer);
  },

  /** Steps a throw-away network from config for about budgetMs of worker time (the live network is untouched). */
  measureSpeed(config: NetworkConfig, budgetMs: number): SpeedSample {
    checkField('budgetMs', budgetMs, { min: 1, max: 10_000, unit: 'ms' });
    const t0 = performance.now();
    const probe = Simulation.create(config); // validates; no helper thread: what one thread does
    const buildMs = performance.now() - t0;
    const batchSteps = Math.max(1, Math.round(SPEED_BATCH_MS / probe.config.dtMs));
    const maxSteps = Math.round(SPEED_MAX_SIM_MS / probe.config.dtMs);
    const t1 = performance.now();
    let steps = 0;
    while (steps < maxSteps && performance.now() - t1 < budgetMs) {
      probe.advance(batchSteps);
      probe.spikes.drain(); // the recorder would otherwise grow with every batch
      steps += batchSteps;
    }
    return { neurons: probe.summary.neurons, steps, stepMs: performance.now() - t1, buildMs, dtMs: probe.config.dtMs };
  },

  setLive(update: Partial<LiveParams>): LiveParams {
    const s = requireSim();
    s.setLive(update);
    recording?.noteLive(update as unknown as Record<string, number>);
    return { ...s.live };
  },

  /** Rebuilds with the same config and the present live parameters and probes; a new seed if given. */
  reset(seed?: number): CreateResult {
    const s = requireSim();
    const config = structuredClone(s.config);
    if (seed !== undefined) config.seed = checkField('seed', seed, NETWORK_RANGES.seed);
    config.live = { ...s.live };
    return build(config, s.probes.ids);
  },

  /** Follows these neurons (at most MAX_PROBES); returns the probed ids. */
  setProbes(ids: number[]): number[] {
    const s = requireSim();
    if (!Array.isArray(ids)) throw new ParameterError('probes', ids, 'a list of neuron ids');
    s.setProbes(ids);
    return Array.from(s.probes.ids);
  },

  /** Restarts the analysis statistics (rates, bursts, CV, synchrony) from the present step. */
  setThreads(mode: ThreadMode): boolean {
    if (mode !== 'auto' && mode !== 'one' && mode !== 'two') throw new ParameterError('threads', mode, "one of 'auto', 'one', 'two'");
    threadMode = mode;
    const s = requireSim();
    s.network.detachHelper();
    attachSliceWorker(s.network);
    return s.network.attachHelperPossible;
  },

  resetStatistics(): void {
    requireSim();
    analyser!.resetStatistics();
  },

  /** Runs the [Mg]o sweep on networks of its own; the live network is untouched. */
  async runSweep(request: SweepRequest, onProgress?: SweepProgressListener): Promise<SweepResult> {
    if (sweepRunning) throw new Error('A sweep is already running in this worker');
    sweepRunning = true;
    sweepCancelled = false;
    const report = onProgress
      ? (p: Parameters<SweepProgressListener>[0]) => void Promise.resolve(onProgress(p)).catch(() => {})
      : undefined;
    try {
      return await runSweep(request, report, () => sweepCancelled);
    } finally {
      sweepRunning = false;
      (onProgress as Partial<Comlink.Remote<SweepProgressListener>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },

  /** Stops a running sweep at its next yield; it resolves with the rows finished so far. */
  cancelSweep(): void {
    if (sweepRunning) sweepCancelled = true;
  },

  /** The session since the last build for the NWB download (copies; the recording goes on). */
  takeRecording(): SessionRecording {
    requireSim();
    const events = analyser!.ictalEvents().map((e) => ({ startMs: e.startMs, endMs: e.endMs, kOutPeakMM: e.kOutPeakMM, underWay: false }));
    const open = analyser!.ictalEventUnderWay();
    if (open) events.push({ ...open, underWay: true });
    const taken = recording!.take(events);
    return Comlink.transfer(taken, recordingBuffers(taken));
  },

  inspectLastTransfer(): TransferReport {
    return {
      buffers: lastTransfer.length,
      byteLengths: lastTransfer.map((b) => b.byteLength),
      detached: lastTransfer.filter(isDetached).length,
    };
  },
} satisfies SimWorkerContract;

export type SimWorkerApi = typeof api;

// Liveness (src/client/heartbeat.ts): every message is acknowledged at once, before the call it
// carries runs, so the client can tell a worker busy with a long call from one that is gone; a ping
// goes no further. Added before Comlink's listener, so it runs first.
let received = 0;
self.addEventListener('message', (event: MessageEvent) => {
  const beat: HeartbeatMessage = { mgGateHeartbeat: 'beat', received: ++received };
  self.postMessage(beat);
  if ((event.data as Partial<HeartbeatMessage> | null)?.mgGateHeartbeat === 'ping') event.stopImmediatePropagation();
});

// The explicit endpoint is what @vitest/web-worker needs; in a real worker it is the default anyway.
// (The page's tsconfig, with DOM types, also reads this file for SimWorkerApi and types self as a
// Window; under the worker's own tsconfig self is a DedicatedWorkerGlobalScope, an Endpoint.)
Comlink.expose(api, self as unknown as Comlink.Endpoint);
