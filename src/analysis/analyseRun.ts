/**
 * Offline analysis of a finished run: the same OnlineAnalyser fed the whole run as one chunk, then
 * finished (so a burst still under way at the end is reported, ending at the run end).
 */
import { OnlineAnalyser } from './onlineAnalyser';
import type { AnalysisNetwork, AnalysisOptions, AnalysisSummary, BurstEvent } from './types';

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
): { summary: AnalysisSummary; bursts: BurstEvent[] } {
  const analyser = new OnlineAnalyser(network, options);
  analyser.addChunk(ids, steps, analyser.endStep + durationSteps);
  analyser.finish();
  return { summary: analyser.summary(), bursts: analyser.takeNewBursts() };
}
