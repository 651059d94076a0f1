/**
 * The worker protocol: the one place both threads take their types from. Types only — no code —
 * so the worker side compiles without DOM types and the page without worker types.
 */
import type { AnalysisSummary, BurstEvent } from '../analysis/types';
import type { LiveParams, NetworkConfig } from '../core/params';
import type { BuildSummary } from '../core/simulation';
import type { SessionRecording } from '../export/sessionRecording';
import type { FitChoice, FitRequest, SpeedSample } from '../core/fitDevice';

export type { AnalysisSummary, BurstEvent, LiveParams, NetworkConfig, BuildSummary, FitChoice, FitRequest, SpeedSample };

/** Returned by create and reset: what was built. siteOfNeuron is transferred. */
export interface CreateResult {
  summary: BuildSummary;
  config: NetworkConfig;
  width: number;
  height: number;
  excitatory: number;
  /** site (y · width + x) of each neuron */
  siteOfNeuron: Uint32Array<ArrayBuffer>;
  /** the live parameters the network starts with (reset keeps the live parameters it had) */
  live: LiveParams;
  /** width of the frames' population-rate bins, ms (a whole number of steps) */
  rateBinMs: number;
  /** worker time the build took (connectivity, kernel, analysis), ms */
  workerBuildMs: number;
  /** create with `fit`: the size chosen for this device (src/core/fitDevice.ts); null otherwise */
  fit: FitChoice | null;
}


/** One closed ictal event, for the page's timeline: onset and end, ms, and its highest [K⁺]o, mM. */
export interface IctalSpan {
  startMs: number;
  endMs: number;
  kOutPeakMM: number;
}

/**
 * The ion field at the end of a chunk (docs/MODEL.md §Ion dynamics): a few hundred bytes, once per
 * chunk, never per step. Absent (null in the frame) while the ions are fixed.
 */
export interface IonFrame {
  /** [K⁺]o of each patch, mM, row-major patchCols × patchRows (transferred) */
  kOutMM: Float32Array<ArrayBuffer>;
  patchCols: number;
  patchRows: number;
  /** side of a patch, in sheet sites (a site at (x, y) lies in patch ⌊x/side⌋ + cols·⌊y/side⌋) */
  patchSites: number;
  kOutMeanMM: number;
  kOutMaxMM: number;
  naInMeanMM: number;
  /** E_K of the patches, averaged, mV */
  eKMeanMV: number;
}

export interface AdvanceRequest {
  /** simulated time to advance, ms (rounded to whole steps) */
  durationMs: number;
  /** include the per-neuron membrane potential snapshot */
  wantVoltages: boolean;
  /**
   * live parameters to apply before the first step of this chunk (validated first: a bad value
   * rejects the call before anything changes). Carrying a slider's change on the advance itself,
   * instead of a setLive call queued ahead of it, saves a round trip through a busy page thread.
   */
  live?: Partial<LiveParams>;
}

/**
 * One chunk of simulation, every typed array transferred (zero-copy) to the page: each owns its
 * whole ArrayBuffer (offset 0), which is why they are typed on ArrayBuffer.
 */
export interface Frame {
  startStep: number;
  endStep: number;
  dtMs: number;
  /** spikes of the chunk: neuron ids and step indices (absolute) */
  spikeIds: Uint32Array<ArrayBuffer>;
  spikeSteps: Uint32Array<ArrayBuffer>;
  /**
   * population rate in bins of rateBinMs from startStep, excitatory and inhibitory cells, Hz; a last
   * partial bin (a chunk that is not a whole number of bins) is normalised by its own length
   */
  rateBinMs: number;
  rateEHz: Float32Array<ArrayBuffer>;
  rateIHz: Float32Array<ArrayBuffer>;
  /** membrane potential of every neuron at the end of the chunk (empty if not requested), mV */
  vMV: Float32Array<ArrayBuffer>;
  /** probed neurons and their per-step samples [step][probe][vMV, iNmdaPA, block] */
  probeIds: Uint32Array<ArrayBuffer>;
  probeSamples: Float32Array<ArrayBuffer>;
  probeSampleCount: number;
  analysis: AnalysisSummary;
  /** bursts that ended within this chunk */
  newBursts: BurstEvent[];
  /** ictal events that closed within this chunk (docs/MODEL.md §Ion dynamics, "Ictal events") */
  newIctalEvents: IctalSpan[];
  live: LiveParams;
  /** the ion field at the chunk's end; null with fixed ions (live.ionsOn 0) */
  ions: IonFrame | null;
  /** worker time spent stepping the network for this chunk, ms */
  workerStepMs: number;
  /**
   * worker time between the end of the previous chunk's packing and this chunk's first step, ms:
   * how long the worker waited for the page's next pull (other calls such as setLive included)
   */
  workerIdleMs: number;
  /** threads that stepped the chunk: 2 when a helper thread stepped half of the network for some of it */
  workerThreads: number;
  /** worker time spent packing the frame (analysis, copies), ms */
  workerPackMs: number;
  /** the part of workerPackMs spent in the online analysis, ms */
  workerAnalysisMs: number;
}

/** The ion a sweep varies (a live parameter, mM). */
export type SweepIon = 'mgOutMM' | 'kBathMM' | 'caOutMM';

export interface SweepRequest {
  config: NetworkConfig;
  /** the values of `ion`, mM, one point each (named for [Mg]o, the first ion swept) */
  mgListMM: number[];
  /** the ion varied; the others stay as config.live has them @default 'mgOutMM' */
  ion?: SweepIon;
  durationMs: number;
  /** simulated time discarded at the start of each point, ms */
  warmupMs: number;
}

export interface SweepRow {
  /** the ion varied and its value at this point, mM */
  ion: SweepIon;
  valueMM: number;
  mgOutMM: number;
  rateEHz: number;
  rateIHz: number;
  bursts: number;
  /**
   * bursts per second from the intervals between burst onsets ((n − 1) / (last onset − first onset)),
   * so it is not quantised to whole bursts per window; with one burst, 1 / the measured time; 0 with none
   */
  burstRateHz: number;
  /** ictal events that began in the measured time, and the first one's onset after the warm-up, ms (null: none) */
  ictalEvents: number;
  firstIctalMs: number | null;
  burstFraction: number;
  cvIsi: number;
  synchrony: number;
}

export interface SweepProgress {
  /** 0..1 over the whole sweep */
  fraction: number;
  pointIndex: number;
  points: number;
  mgOutMM: number;
  /** present when the point pointIndex has just finished: its result */
  row?: SweepRow;
}

export interface SweepResult {
  /** one row per finished point, in the order of mgListMM (fewer when cancelled) */
  rows: SweepRow[];
  cancelled: boolean;
}

/** What the client reports about its worker's life. */
export interface SimStatus {
  /** dead: the worker died or stopped answering; restarted: restart() rebuilt it; error: a message it could not read */
  kind: 'dead' | 'restarted' | 'error';
  message: string;
}

/**
 * The buffers the worker transferred with its last frame, as the worker now sees them: after a
 * transfer each is detached (byteLength 0). For tests and the performance overlay.
 */
export interface TransferReport {
  /** how many ArrayBuffers the last frame listed for transfer */
  buffers: number;
  /** their byteLength on the worker side now (0 once transferred) */
  byteLengths: number[];
  /** how many of them are detached (a view on them can no longer be made) */
  detached: number;
}

export type ThreadMode = 'auto' | 'one' | 'two';

/** Receives sweep progress; passed to the worker wrapped in Comlink.proxy. */
export type SweepProgressListener = (progress: SweepProgress) => void;

/**
 * The worker's calls as the worker implements them (values, not promises). workers/sim.worker.ts
 * exposes an object that satisfies this; the client sees it through Comlink.Remote.
 */
export interface SimWorkerContract {
  /**
   * Builds a network. With `fit`, first a warm-up network of fit.sampleNeurons steps for about
   * fit.budgetMs, and config is built at the size fitNeurons chooses (at most config.neurons).
   */
  create(config: NetworkConfig, fit?: FitRequest): CreateResult;
  advance(request: AdvanceRequest): Frame;
  /**
   * Builds a throw-away network from config (the live network is untouched) and steps it for about
   * budgetMs of worker time (at most 10 simulated s): what one thread of this machine can do.
   */
  measureSpeed(config: NetworkConfig, budgetMs: number): SpeedSample;
  setLive(update: Partial<LiveParams>): LiveParams;
  reset(seed?: number): CreateResult;
  setProbes(ids: number[]): number[];
  resetStatistics(): void;
  /**
   * How many threads step the network: 'auto' (default) — a helper thread steps half of it while
   * that is faster; 'two' — always (while the helper keeps up); 'one' — never. Returns whether a
   * helper is possible here (a cross-origin-isolated page). The spikes are the same in every mode.
   */
  setThreads(mode: ThreadMode): boolean;
  runSweep(request: SweepRequest, onProgress?: SweepProgressListener): Promise<SweepResult>;
  cancelSweep(): void;
  inspectLastTransfer(): TransferReport;
  /** The session since the last build (bounded), for the NWB download; its arrays are transferred. */
  takeRecording(): SessionRecording;
}
