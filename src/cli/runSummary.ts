/**
 * Runs a built simulation for a duration in chunks (so spike memory stays bounded) and returns the
 * runner's JSON summary. Timing covers the stepping loop alone (simMs), not the build. A figure the
 * run leaves undefined is NaN here; the runner's output turns it into null with a reason (figures.ts).
 */
import { analysisNetworkOf, OnlineAnalyser } from '../analysis';
import type { Simulation } from '../core/simulation';

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
}

/** Steps per chunk: 100 ms of simulated time at dt 0.1 ms. */
const CHUNK_STEPS = 1000;

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
  let simMs = 0;
  // the same analysis as the worker and the page, fed chunk by chunk
  const analyser = new OnlineAnalyser(analysisNetworkOf(sim.network), { startStep: sim.stepIndex });
  for (let done = 0; done < totalSteps; ) {
    const steps = Math.min(CHUNK_STEPS, totalSteps - done);
    const t0 = performance.now();
    sim.advance(steps);
    simMs += performance.now() - t0;
    done += steps;
    const { ids, steps: spikeSteps } = sim.spikes.drain();
    for (let k = 0; k < ids.length; k++) {
      if (ids[k] < nE) spikesE++;
      else spikesI++;
    }
    analyser.addChunk(ids, spikeSteps, sim.stepIndex);
    // the runner reads bursts from the summary, not one by one: empty the analyser's queue of new
    // bursts (kept for the page's timeline) so an hour-long run does not hold every burst twice
    analyser.takeNewBursts();
    onSpikes?.(ids, spikeSteps);
  }
  analyser.finish();
  const analysis = analyser.summary();
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
    mgOutMM: sim.live.mgOutMM,
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
  };
}
