/**
 * What an NWB export is written from: one run of a Simulation — its configuration and layout, every
 * spike (ids and step indices, as SpikeRecorder.drain hands them out), the steps simulated, and
 * the history of the live parameters. RunRecorder collects these chunk by chunk, for the runner
 * (each drained chunk) and for the page (each frame's spikes and each slider change).
 */
import type { Layout } from '../../core/connectivity';
import type { LiveParams, NetworkConfig } from '../../core/params';

/** Live parameters set at timeMs (a change or a full snapshot; later entries win). */
export interface LiveChange {
  timeMs: number;
  /** LiveParams fields, and any live parameter added later (kBathMM, caOutMM, …): keys are not fixed here. */
  params: Readonly<Partial<LiveParams> & Record<string, number>>;
}

export interface NwbRun {
  /** The configuration the network was built from; config.live holds the values at step 0. */
  config: NetworkConfig;
  layout: Pick<Layout, 'siteOfNeuron' | 'width' | 'height'>;
  /** Every spike of the run in step order: neuron ids and the steps they fired at. */
  spikeIds: Uint32Array;
  spikeSteps: Uint32Array;
  /** Steps simulated from the build (step 0) to the end of the recording. */
  durationSteps: number;
  /** Live parameter changes in time order (empty: config.live held throughout). */
  liveHistory?: readonly LiveChange[];
  /** A unique text for the file; default: preset, seed and a random UUID. */
  identifier?: string;
  /** When the run started (wall clock); default: now. */
  sessionStartTime?: Date | string;
  /** One line for the file's session_description; default: a summary of the run. */
  sessionDescription?: string;
}

/** Collects a run's spikes and live changes as they happen, for an NWB export at the end. */
export class RunRecorder {
  private ids = new Uint32Array(4096);
  private steps = new Uint32Array(4096);
  private count = 0;
  private readonly history: LiveChange[] = [];

  constructor(
    readonly config: NetworkConfig,
    readonly layout: Pick<Layout, 'siteOfNeuron' | 'width' | 'height'>,
  ) {}

  get spikeCount(): number {
    return this.count;
  }

  /** Appends one drained chunk (SpikeRecorder.drain or a frame's spikes), in step order. */
  addSpikes(ids: ArrayLike<number>, steps: ArrayLike<number>): void {
    const need = this.count + ids.length;
    if (need > this.ids.length) {
      let size = this.ids.length;
      while (size < need) size *= 2;
      const grow = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
        const b = new Uint32Array(size);
        b.set(a.subarray(0, this.count));
        return b;
      };
      this.ids = grow(this.ids);
      this.steps = grow(this.steps);
    }
    for (let k = 0; k < ids.length; k++) {
      this.ids[this.count + k] = ids[k];
      this.steps[this.count + k] = steps[k];
    }
    this.count = need;
  }

  /** Notes live parameters set at timeMs (Simulation.setLive's argument, or a full snapshot). */
  noteLive(timeMs: number, params: LiveChange['params']): void {
    this.history.push({ timeMs, params: { ...params } });
  }

  /** The run so far, ending after durationSteps steps. */
  run(durationSteps: number, meta: Pick<NwbRun, 'identifier' | 'sessionStartTime' | 'sessionDescription'> = {}): NwbRun {
    return {
      config: this.config,
      layout: this.layout,
      spikeIds: this.ids.slice(0, this.count),
      spikeSteps: this.steps.slice(0, this.count),
      durationSteps,
      liveHistory: this.history.slice(),
      ...meta,
    };
  }
}
