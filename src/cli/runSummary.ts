/**
 * Runs a built simulation for a duration in chunks (so spike memory stays bounded) and returns the
 * runner's JSON summary. Timing covers the stepping loop alone (simMs), not the build. A figure the
 * run leaves undefined is NaN here; the runner's output turns it into null with a reason (figures.ts).
 * With ions on, the highest [K⁺]o of any patch is sampled at the end of every chunk (100 ms) and
 * goes to the analysis with the chunk's spikes: the ictal events' and the run's [K⁺]o peaks.
 */
import { analysisNetworkOf, kOutSampleOf, OnlineAnalyser } from '../analysis';
import type { Simulation } from '../core/simulation';

/** One ictal event as the runner prints it. */
export interface RunIctalEvent {
  startMs: number;
  endMs: number;
  /** NaN with ions off */
  kOutPeakMM: number;
}

export interface RunSummary {
  preset: string;
  neurons: number;
  excitatory: number;
  synapses: number;
  dtMs: number;
  durationMs: number;
  seed: number;
  mgOutMM: number;
  spikes: number;
  rateEHz: number;
  rateIHz: number;
  buildMs: number;
  simMs: number;
  /** NaN if the loop was too quick to time */
  realtimeFactor: number;
  bursts: number;
  burstRateHz: number;
  burstFraction: number;
  /** NaN when undefined (too few spikes); the runner's output says so (figures.ts) */
  cvIsi: number;
  synchrony: number;
  ions: 'on' | 'off';
  kBathMM: number;
  caOutMM: number;
  /** highest [K⁺]o of any patch over the run, sampled per chunk; NaN with ions off */
  kOutPeakMM: number;
  /** ictal events (docs/MODEL.md §Ion dynamics, "Ictal events"), in order */
  ictalEvents: RunIctalEvent[];
  /** onset of the first ictal event; NaN when none */
  firstIctalMs: number;
  /** mean rate 5 s after an event ÷ 5 s before it, over the events; NaN when none has one */
  postictalRateRatio: number;
  /** bursts outside ictal events per second outside them; NaN when the whole run was ictal */
  interictalBurstRateHz: number;
}

/** Steps per chunk: 100 ms of simulated time at dt 0.1 ms. */
export const CHUNK_STEPS = 1000;

/**
 * Advances `steps` in chunks of CHUNK_STEPS, each chunk's spikes (and [K⁺]o sample) fed to the
 * analyser and then to `onChunk`. Returns the wall time spent stepping, ms.
 */
export function advanceAnalysed(
  sim: Simulation,
  analyser: OnlineAnalyser,
  steps: number,
  onChunk?: (ids: Uint32Array, steps: Uint32Array) => void,
): number {
  let simMs = 0;
  for (let done = 0; done < steps; ) {
    const n = Math.min(CHUNK_STEPS, steps - done);
    const t0 = performance.now();
    sim.advance(n);
    simMs += performance.now() - t0;
    done += n;
    const { ids, steps: spikeSteps } = sim.spikes.drain();
    analyser.addChunk(ids, spikeSteps, sim.stepIndex, kOutSampleOf(sim.network, sim.live));
    onChunk?.(ids, spikeSteps);
  }
  return simMs;
}

export function runToSummary(
  sim: Simulation,
  durationMs: number,
  onSpikes?: (ids: Uint32Array, steps: Uint32Array) => void,
): RunSummary {
  const { dtMs } = sim.config;
  const totalSteps = Math.round(durationMs / dtMs);
  const nE = sim.network.excitatory;
  let spikesE = 0;
  let spikesI = 0;
  // the same analysis as the worker and the page, fed chunk by chunk
  const analyser = new OnlineAnalyser(analysisNetworkOf(sim.network), { startStep: sim.stepIndex });
  const simMs = advanceAnalysed(sim, analyser, totalSteps, (ids, spikeSteps) => {
    for (let k = 0; k < ids.length; k++) {
      if (ids[k] < nE) spikesE++;
      else spikesI++;
    }
    // the runner reads bursts from the summary, not one by one: empty the analyser's queue of new
    // bursts (kept for the page's timeline) so an hour-long run does not hold every burst twice
    analyser.takeNewBursts();
    onSpikes?.(ids, spikeSteps);
  });
  analyser.finish();
  const analysis = analyser.summary();
  const live = sim.live;
  const simulatedS = (totalSteps * dtMs) / 1000;
  const s = sim.summary;
  return {
    preset: s.preset,
    neurons: s.neurons,
    excitatory: s.excitatory,
    synapses: s.synapses,
    dtMs,
    durationMs: totalSteps * dtMs,
    seed: s.seed,
    mgOutMM: live.mgOutMM,
    spikes: spikesE + spikesI,
    rateEHz: simulatedS > 0 ? spikesE / s.excitatory / simulatedS : 0,
    rateIHz: simulatedS > 0 ? spikesI / s.inhibitory / simulatedS : 0,
    buildMs: s.buildMs,
    simMs,
    realtimeFactor: simMs > 0 ? (totalSteps * dtMs) / simMs : Number.NaN,
    bursts: analysis.bursts,
    burstRateHz: analysis.burstRateHz,
    burstFraction: analysis.burstFraction,
    cvIsi: analysis.cvIsi,
    synchrony: analysis.synchrony,
    ions: live.ionsOn === 1 ? 'on' : 'off',
    kBathMM: live.kBathMM,
    caOutMM: live.caOutMM,
    kOutPeakMM: analysis.kOutPeakMM,
    ictalEvents: analyser.ictalEvents().map((e) => ({ startMs: e.startMs, endMs: e.endMs, kOutPeakMM: e.kOutPeakMM })),
    firstIctalMs: analysis.firstIctalMs ?? Number.NaN,
    postictalRateRatio: analysis.postictalRateRatio ?? Number.NaN,
    interictalBurstRateHz: analysis.interictalBurstRateHz,
  };
}
