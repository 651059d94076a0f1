/**
 * What an NWB export is written from: one run of a Simulation — its configuration and layout, the
 * spikes of a window of it (ids and step indices, as SpikeRecorder.drain hands them out), the steps
 * simulated, the history of the live parameters and, with ions on, the ion traces and the ictal
 * events. RunRecorder collects these chunk by chunk, for the runner (each drained chunk) and for the
 * page's worker (each frame's spikes and each slider change).
 *
 * Bounded memory: a recorder may be given caps (spikes, live changes, ion samples). Past a cap the
 * oldest whole blocks of spikes are dropped and the window's start moves forward, so the file then holds the
 * most recent part of the session, from `startSteps` on — never a run with holes.
 */
import type { Layout } from '../../core/connectivity';
import type { LiveParams, NetworkConfig } from '../../core/params';

/** Live parameters set at timeMs (a change or a full snapshot; later entries win). */
export interface LiveChange {
  timeMs: number;
  /** LiveParams fields, and any live parameter added later (kBathMM, caOutMM, …): keys are not fixed here. */
  params: Readonly<Partial<LiveParams> & Record<string, number>>;
}

/** The ion bath sampled over the run (docs/MODEL.md §Ion dynamics): one value per sample time. */
export interface IonTraces {
  timesMs: Float64Array;
  /** mean and highest [K⁺]o over the patches, mM */
  kOutMeanMM: Float64Array;
  kOutMaxMM: Float64Array;
  /** mean [Na⁺]i over the patches, mM */
  naInMeanMM: Float64Array;
}

/** One ictal event of the online analysis (src/analysis/ictal.ts). */
export interface IctalInterval {
  startMs: number;
  endMs: number;
  /** highest [K⁺]o during the event, mM (NaN with ions off) */
  kOutPeakMM: number;
  /** still under way when the file was written: endMs is its last raised bin so far */
  underWay?: boolean;
}

export interface NwbRun {
  /** The configuration the network was built from; config.live holds the values at step 0. */
  config: NetworkConfig;
  layout: Pick<Layout, 'siteOfNeuron' | 'width' | 'height'>;
  /** Every spike of the recorded window in step order: neuron ids and the steps they fired at. */
  spikeIds: Uint32Array;
  spikeSteps: Uint32Array;
  /** Steps simulated from the build (step 0) to the end of the recording. */
  durationSteps: number;
  /** First step recorded (default 0): spikes before it are not in the file (a capped recorder dropped them). */
  startSteps?: number;
  /** The live parameters in force at startSteps (default: config.live; needed when startSteps > 0). */
  liveAtStart?: Readonly<Record<string, number>>;
  /** Live parameter changes in time order (empty: the values at the start held throughout). */
  liveHistory?: readonly LiveChange[];
  /** The ion traces (absent with ions off throughout). */
  ionTraces?: IonTraces;
  /** Ictal events of the online analysis that started within the recording. */
  ictalEvents?: readonly IctalInterval[];
  /** Why the recording starts after step 0 (a cap was reached), for the file's notes. */
  capNote?: string;
  /** A unique text for the file; default: preset, seed and a random UUID. */
  identifier?: string;
  /** When the run started (wall clock); default: now. */
  sessionStartTime?: Date | string;
  /** One line for the file's session_description; default: a summary of the run. */
  sessionDescription?: string;
}

/** Caps of a recorder (each Infinity by default: the runner records everything it runs). */
export interface RecorderCaps {
  maxSpikes?: number;
  maxLiveChanges?: number;
  maxIonSamples?: number;
  /** spikes per block (default: maxSpikes / 16, at most 65,536) */
  blockSpikes?: number;
}

/**
 * Spikes are kept in blocks (at most BLOCK_SPIKES_MAX, and at most 1/16 of the cap, so a dropped
 * block loses little of the window), filled in order and dropped whole, so the overhead is
 * a few objects per block whatever the frame rate (a page at 60 frames a second with a spike or two
 * per frame would otherwise hold one object per frame).
 */
const BLOCK_SPIKES_MAX = 65_536;

interface Block {
  ids: Uint32Array;
  steps: Uint32Array;
  /** the first spike still held (a moved start drops the block's leading spikes) and the fill */
  from: number;
  length: number;
}

/** Collects a run's spikes, live changes and ion samples as they happen, for an NWB export at the end. */
export class RunRecorder {
  private blocks: Block[] = [];
  private count = 0;
  private history: LiveChange[] = [];
  private liveStart: Record<string, number>;
  private startStep = 0;
  private dropped = 0;
  private ionTimes: number[] = [];
  private ionMean: number[] = [];
  private ionMax: number[] = [];
  private ionNa: number[] = [];
  private readonly maxSpikes: number;
  private readonly maxLiveChanges: number;
  private readonly maxIonSamples: number;
  private readonly blockSpikes: number;

  constructor(
    readonly config: NetworkConfig,
    readonly layout: Pick<Layout, 'siteOfNeuron' | 'width' | 'height'>,
    caps: RecorderCaps = {},
  ) {
    this.liveStart = { ...(config.live as unknown as Record<string, number>) };
    this.maxSpikes = caps.maxSpikes ?? Infinity;
    this.maxLiveChanges = caps.maxLiveChanges ?? Infinity;
    this.maxIonSamples = caps.maxIonSamples ?? Infinity;
    this.blockSpikes = caps.blockSpikes ?? Math.min(BLOCK_SPIKES_MAX, Math.max(1, Math.ceil(this.maxSpikes / 16)));
    for (const [name, cap] of Object.entries({ maxSpikes: this.maxSpikes, maxLiveChanges: this.maxLiveChanges, maxIonSamples: this.maxIonSamples, blockSpikes: this.blockSpikes })) {
      if (!(cap >= 1)) throw new RangeError(`RunRecorder: ${name} must be ≥ 1, got ${cap}`);
    }
  }

  /** Spikes held now (within the window). */
  get spikeCount(): number {
    return this.count;
  }

  /** Spikes dropped from the start of the session because a cap was reached. */
  get droppedSpikes(): number {
    return this.dropped;
  }

  /** The first step the recording still holds (0 until a cap moved it). */
  get startSteps(): number {
    return this.startStep;
  }

  /** Appends one drained chunk (SpikeRecorder.drain or a frame's spikes), in step order; copied. */
  addSpikes(ids: ArrayLike<number>, steps: ArrayLike<number>): void {
    for (let k = 0; k < ids.length; ) {
      let block = this.blocks[this.blocks.length - 1];
      if (!block || block.length === block.ids.length) {
        block = { ids: new Uint32Array(this.blockSpikes), steps: new Uint32Array(this.blockSpikes), from: 0, length: 0 };
        this.blocks.push(block);
      }
      const take = Math.min(ids.length - k, block.ids.length - block.length);
      for (let j = 0; j < take; j++) {
        block.ids[block.length + j] = ids[k + j];
        block.steps[block.length + j] = steps[k + j];
      }
      block.length += take;
      this.count += take;
      k += take;
    }
    while (this.count > this.maxSpikes && this.blocks.length > 1) {
      const first = this.blocks[0];
      this.moveStart(first.steps[first.length - 1] + 1);
    }
  }

  /** Notes live parameters set at timeMs (Simulation.setLive's argument, or a full snapshot). */
  noteLive(timeMs: number, params: LiveChange['params']): void {
    this.history.push({ timeMs, params: { ...params } });
    if (this.history.length > this.maxLiveChanges) this.moveStart(Math.floor(this.history[0].timeMs / this.config.dtMs) + 1);
  }

  /** Notes one sample of the ion bath at timeMs. */
  sampleIons(timeMs: number, kOutMeanMM: number, kOutMaxMM: number, naInMeanMM: number): void {
    this.ionTimes.push(timeMs);
    this.ionMean.push(kOutMeanMM);
    this.ionMax.push(kOutMaxMM);
    this.ionNa.push(naInMeanMM);
    if (this.ionTimes.length > this.maxIonSamples) this.moveStart(Math.floor(this.ionTimes[0] / this.config.dtMs) + 1);
  }

  /** Drops everything before `step`: spikes, live changes (folded into the values at the start), ion samples. */
  private moveStart(step: number): void {
    if (step <= this.startStep) return;
    this.startStep = step;
    while (this.blocks.length > 0) {
      const b = this.blocks[0];
      if (b.steps[b.length - 1] < step) {
        this.blocks.shift();
        this.count -= b.length - b.from;
        this.dropped += b.length - b.from;
        continue;
      }
      while (b.steps[b.from] < step) {
        b.from++;
        this.count--;
        this.dropped++;
      }
      break;
    }
    const startMs = step * this.config.dtMs;
    let folded = 0;
    while (folded < this.history.length && this.history[folded].timeMs < startMs) Object.assign(this.liveStart, this.history[folded++].params);
    if (folded > 0) this.history = this.history.slice(folded);
    let old = 0;
    while (old < this.ionTimes.length && this.ionTimes[old] < startMs) old++;
    if (old > 0) {
      this.ionTimes = this.ionTimes.slice(old);
      this.ionMean = this.ionMean.slice(old);
      this.ionMax = this.ionMax.slice(old);
      this.ionNa = this.ionNa.slice(old);
    }
  }

  /** The run so far, ending after durationSteps steps; ictal events outside the window are left out. */
  run(
    durationSteps: number,
    meta: Pick<NwbRun, 'identifier' | 'sessionStartTime' | 'sessionDescription' | 'capNote'> = {},
    ictalEvents: readonly IctalInterval[] = [],
  ): NwbRun {
    const spikeIds = new Uint32Array(this.count);
    const spikeSteps = new Uint32Array(this.count);
    let at = 0;
    for (const b of this.blocks) {
      spikeIds.set(b.ids.subarray(b.from, b.length), at);
      spikeSteps.set(b.steps.subarray(b.from, b.length), at);
      at += b.length - b.from;
    }
    const startMs = this.startStep * this.config.dtMs;
    const run: NwbRun = {
      config: this.config,
      layout: this.layout,
      spikeIds,
      spikeSteps,
      durationSteps,
      startSteps: this.startStep,
      liveAtStart: { ...this.liveStart },
      liveHistory: this.history.slice(),
      ictalEvents: ictalEvents
        .filter((e) => e.startMs >= startMs)
        .map((e) => ({ startMs: e.startMs, endMs: e.endMs, kOutPeakMM: e.kOutPeakMM, underWay: e.underWay === true })),
      ...meta,
    };
    if (this.ionTimes.length > 0) {
      run.ionTraces = {
        timesMs: Float64Array.from(this.ionTimes),
        kOutMeanMM: Float64Array.from(this.ionMean),
        kOutMaxMM: Float64Array.from(this.ionMax),
        naInMeanMM: Float64Array.from(this.ionNa),
      };
    }
    return run;
  }
}
