/**
 * The page's recording of its session, kept by the simulation worker for the NWB download: every
 * spike since the last build (create or reset), the live changes and, with ions on, the ion bath
 * every ION_SAMPLE_MS — in a RunRecorder with caps, so hours of running hold bounded memory. Past
 * SESSION_MAX_SPIKES the oldest frames are dropped and the file holds the most recent part of the
 * session (its notes and the page say from when). DOM-free: it runs in the worker.
 */
import type { Simulation } from '../core/simulation';
import type { IctalInterval, NwbRun } from './nwb/run';
import { RunRecorder } from './nwb/run';

/** Spikes held at most: 8 bytes each, so 80 MB (at 10,000 cells and 5 Hz, about 200 s of session). */
export const SESSION_MAX_SPIKES = 10_000_000;
/** Live changes held at most (a dragged slider sends one per frame). */
export const SESSION_MAX_LIVE_CHANGES = 10_000;
/** The ion bath is sampled at the end of the first frame at or past each multiple of this, ms. */
export const ION_SAMPLE_MS = 100;
/** Ion samples held at most: about 2.8 h at one per 100 ms. */
export const SESSION_MAX_ION_SAMPLES = 100_000;

/** What the worker hands the page: the run to write, and how much of the session it covers. */
export interface SessionRecording {
  run: NwbRun;
  /** spikes dropped from the start of the session by the cap (0: the whole session is there) */
  droppedSpikes: number;
  /** the recording's span, ms from the build */
  startMs: number;
  endMs: number;
}

export class SessionRecorder {
  private readonly recorder: RunRecorder;
  private nextIonSampleMs = 0;
  private readonly startedAt = new Date();

  constructor(private readonly sim: Simulation) {
    this.recorder = new RunRecorder(sim.config, sim.network.layout, {
      maxSpikes: SESSION_MAX_SPIKES,
      maxLiveChanges: SESSION_MAX_LIVE_CHANGES,
      maxIonSamples: SESSION_MAX_ION_SAMPLES,
    });
    this.sampleIons();
  }

  /** After each advance: the chunk's spikes (copied), and an ion sample when one is due. */
  addChunk(ids: Uint32Array, steps: Uint32Array): void {
    this.recorder.addSpikes(ids, steps);
    this.sampleIons();
  }

  /** After a setLive that succeeded: the values it set, at the present step. */
  noteLive(update: Readonly<Record<string, number>>): void {
    this.recorder.noteLive(this.sim.stepIndex * this.sim.config.dtMs, update);
  }

  private sampleIons(): void {
    const nowMs = this.sim.stepIndex * this.sim.config.dtMs;
    if (this.sim.live.ionsOn !== 1 || nowMs < this.nextIonSampleMs) return;
    const ions = this.sim.network.ions;
    this.recorder.sampleIons(nowMs, ions.kOutMeanMM(), ions.kOutMaxMM(), ions.naInMeanMM());
    this.nextIonSampleMs = (Math.floor(nowMs / ION_SAMPLE_MS) + 1) * ION_SAMPLE_MS;
  }

  /** The session so far as an NWB run (fresh arrays, for transfer), with the analysis's ictal events. */
  take(ictalEvents: readonly IctalInterval[]): SessionRecording {
    const { dtMs } = this.sim.config;
    const dropped = this.recorder.droppedSpikes;
    const startMs = this.recorder.startSteps * dtMs;
    const capNote =
      dropped > 0
        ? `The page keeps at most ${SESSION_MAX_SPIKES.toLocaleString('en-US')} spikes, ${SESSION_MAX_LIVE_CHANGES.toLocaleString('en-US')} live changes and ${SESSION_MAX_ION_SAMPLES.toLocaleString('en-US')} ion samples of a session: ${dropped} earlier spikes were dropped.`
        : undefined;
    const run = this.recorder.run(this.sim.stepIndex, { sessionStartTime: this.startedAt, capNote }, ictalEvents);
    run.layout = { siteOfNeuron: run.layout.siteOfNeuron.slice(), width: run.layout.width, height: run.layout.height };
    run.config = structuredClone(run.config);
    return { run, droppedSpikes: dropped, startMs, endMs: this.sim.stepIndex * dtMs };
  }
}

/** The buffers of a recording, for Comlink.transfer. */
export function recordingBuffers(r: SessionRecording): ArrayBuffer[] {
  const { run } = r;
  const list: ArrayBufferView[] = [run.spikeIds, run.spikeSteps, run.layout.siteOfNeuron];
  if (run.ionTraces) list.push(...Object.values(run.ionTraces));
  return list.map((a) => a.buffer as ArrayBuffer);
}
