/**
 * Packs one chunk of simulation into a Frame whose typed arrays are all fresh buffers, listed for
 * transfer: the worker keeps nothing that it hands over. DOM-free, so the frame bench runs the same
 * code in a Node worker thread.
 */
import { BIN_MS, kOutSampleOf, type OnlineAnalyser } from '../src/analysis';
import type { Simulation } from '../src/core/simulation';
import type { Frame, IonFrame } from '../src/protocol/types';

/** The frames' population-rate bins: the analysis bins (BIN_MS rounded to whole steps), so both agree. */
export function rateBinStepsOf(dtMs: number): number {
  return Math.max(1, Math.round(BIN_MS / dtMs));
}

export interface PackedFrame {
  frame: Frame;
  /** every ArrayBuffer in frame, for Comlink.transfer / postMessage */
  transfer: ArrayBuffer[];
}

/**
 * Drains the simulation's recorders for the chunk [startStep, sim.stepIndex) and builds its frame.
 * workerStepMs and workerThreads are the caller's; workerPackMs is measured here.
 */
export function packFrame(
  sim: Simulation,
  analyser: OnlineAnalyser,
  startStep: number,
  wantVoltages: boolean,
  workerStepMs: number,
  workerThreads = 1,
): PackedFrame {
  const t0 = performance.now();
  const net = sim.network;
  const dtMs = sim.config.dtMs;
  const endStep = sim.stepIndex;
  // drain() hands out fresh copies (slice), each on an ArrayBuffer of its own: ours to transfer
  const spikes = sim.spikes.drain();
  const spikeIds = spikes.ids;
  const spikeSteps = spikes.steps;

  // population rate of each population in bins from startStep
  const binSteps = rateBinStepsOf(dtMs);
  const chunkSteps = endStep - startStep;
  const bins = Math.ceil(chunkSteps / binSteps);
  const rateEHz = new Float32Array(bins);
  const rateIHz = new Float32Array(bins);
  const nE = net.excitatory;
  for (let k = 0; k < spikeIds.length; k++) {
    const bin = ((spikeSteps[k] - startStep) / binSteps) | 0;
    if (spikeIds[k] < nE) rateEHz[bin]++;
    else rateIHz[bin]++;
  }
  const nI = net.neurons - nE;
  for (let b = 0; b < bins; b++) {
    const binSeconds = (Math.min(binSteps, chunkSteps - b * binSteps) * dtMs) / 1000;
    rateEHz[b] = nE > 0 ? rateEHz[b] / (nE * binSeconds) : 0;
    rateIHz[b] = nI > 0 ? rateIHz[b] / (nI * binSeconds) : 0;
  }

  const vMV = new Float32Array(wantVoltages ? net.neurons : 0);
  if (wantVoltages) vMV.set(net.vMV);

  const probes = sim.probes.drain();
  const probeIds = probes.ids;
  const probeSamples = probes.samples;
  const a0 = performance.now();
  analyser.addChunk(spikeIds, spikeSteps, endStep, kOutSampleOf(net, sim.live));
  const analysis = analyser.summary();
  const newBursts = analyser.takeNewBursts();
  const newIctalEvents = analyser.takeNewIctalEvents().map((e) => ({ startMs: e.startMs, endMs: e.endMs, kOutPeakMM: e.kOutPeakMM }));
  const workerAnalysisMs = performance.now() - a0;
  const ions = sim.live.ionsOn === 1 ? ionFrameOf(net.ions) : null;
  const frame: Frame = {
    startStep,
    endStep,
    dtMs,
    spikeIds,
    spikeSteps,
    rateBinMs: binSteps * dtMs,
    rateEHz,
    rateIHz,
    vMV,
    probeIds,
    probeSamples,
    probeSampleCount: probes.count,
    analysis,
    newBursts,
    newIctalEvents,
    live: { ...sim.live },
    ions,
    workerStepMs,
    workerIdleMs: 0,
    workerThreads,
    workerPackMs: 0,
    workerAnalysisMs,
  };
  const transfer = [spikeIds, spikeSteps, rateEHz, rateIHz, vMV, probeIds, probeSamples].map((a) => a.buffer);
  if (ions) transfer.push(ions.kOutMM.buffer);
  frame.workerPackMs = performance.now() - t0;
  return { frame, transfer };
}

/** The field's state for the page: a float32 copy of [K⁺]o per patch (its own buffer) and the means. */
export function ionFrameOf(field: Simulation['network']['ions']): IonFrame {
  let eKSum = 0;
  for (let p = 0; p < field.patches; p++) eKSum += field.eKMV[p];
  return {
    kOutMM: Float32Array.from(field.kOutMM),
    patchCols: field.patchCols,
    patchRows: field.patchRows,
    patchSites: field.params.patchSites,
    kOutMeanMM: field.kOutMeanMM(),
    kOutMaxMM: field.kOutMaxMM(),
    naInMeanMM: field.naInMeanMM(),
    eKMeanMV: field.patches > 0 ? eKSum / field.patches : Number.NaN,
  };
}
