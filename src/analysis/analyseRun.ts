/**
 * Offline analysis of a finished run: the same OnlineAnalyser fed the whole run, then finished (so a
 * burst or an ictal event still under way at the end is reported, ending at the run end). With a
 * [K⁺]o trace the run is fed in the trace's samples, each chunk with its sample, exactly as the
 * runner feeds it chunk by chunk; without one it is one chunk.
 */
import type { IctalEvent } from './ictal';
import { OnlineAnalyser } from './onlineAnalyser';
import type { AnalysisNetwork, AnalysisOptions, AnalysisSummary, BurstEvent, KOutTrace } from './types';

/**
 * ids[k] fired at steps[k] (non-decreasing), over the steps [startStep, startStep + durationSteps)
 * (startStep from options, default 0).
 */
export function analyseRun(
  network: AnalysisNetwork,
  ids: Uint32Array,
  steps: Uint32Array,
  durationSteps: number,
  options: AnalysisOptions = {},
  kOut?: KOutTrace,
): { summary: AnalysisSummary; bursts: BurstEvent[]; ictalEvents: IctalEvent[] } {
  const analyser = new OnlineAnalyser(network, options);
  const start = analyser.endStep;
  if (!kOut) {
    analyser.addChunk(ids, steps, start + durationSteps);
  } else {
    const every = kOut.stepsPerSample;
    if (!Number.isInteger(every) || every < 1) throw new RangeError(`analysis: kOut.stepsPerSample must be a whole number of steps ≥ 1, got ${every}`);
    const samples = Math.ceil(durationSteps / every);
    if (kOut.maxMM.length !== samples) {
      throw new RangeError(`analysis: kOut.maxMM has ${kOut.maxMM.length} samples; ${durationSteps} steps at ${every} per sample need ${samples}`);
    }
    let k = 0;
    for (let j = 0; j < samples; j++) {
      const end = start + Math.min(durationSteps, (j + 1) * every);
      const from = k;
      while (k < steps.length && steps[k] < end) k++;
      analyser.addChunk(ids.subarray(from, k), steps.subarray(from, k), end, kOut.maxMM[j]);
    }
    // spikes past the run's end: the same refusal as one chunk would give
    if (k < steps.length) analyser.addChunk(ids.subarray(k), steps.subarray(k), start + durationSteps);
  }
  analyser.finish();
  return { summary: analyser.summary(), bursts: analyser.takeNewBursts(), ictalEvents: analyser.ictalEvents() };
}
