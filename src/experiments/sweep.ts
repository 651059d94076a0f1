/**
 * The [Mg]o dose–response sweep, DOM-free: the worker, the headless runner and the tests run this
 * same function. For each [Mg]o it builds the network afresh (same config and seed, only
 * live.mgOutMM changed), runs warmupMs and discards it, runs durationMs, and analyses those spikes
 * with the same analysis code the live view uses.
 *
 * It is async only to let go of the thread: it yields to the event loop every SWEEP_YIELD_MS of
 * wall time, so a cancel message (or a page event in a single-threaded host) lands within one
 * chunk of simulation.
 */
import { analyseRun, analysisNetworkOf } from '../analysis';
import type { AnalysisSummary } from '../analysis/types';
import { checkField, ParameterError } from '../core/params';
import { inRange, USER_RANGES } from '../core/ranges';
import { Simulation } from '../core/simulation';
import type { SweepProgress, SweepRequest, SweepResult, SweepRow } from '../protocol/types';

/** Simulated time stepped between two checks of the clock and the cancel flag. */
export const SWEEP_CHUNK_MS = 10;
/**
 * Wall time after which the sweep yields to the event loop (and reports progress). A yield costs a
 * timer turn (≈1 ms in Node, up to 4 ms for nested timers in a browser worker): ≤ 8 % at 50 ms.
 */
export const SWEEP_YIELD_MS = 50;
/**
 * Limits of a sweep request: the user-facing ranges (src/core/ranges.ts), which the runner's
 * --mg-list, --duration-ms and --warmup-ms and the page's sweep panel share.
 */
export const SWEEP_MAX_POINTS = USER_RANGES.sweepPoints.max;
export const SWEEP_MAX_DURATION_MS = USER_RANGES.sweepPointMs.max;

/** Throws a ParameterError naming the first bad field of the request (the config is checked at build). */
export function validateSweepRequest(request: SweepRequest): void {
  if (request === null || typeof request !== 'object') throw new ParameterError('request', request, 'an object');
  const list = request.mgListMM;
  const points = USER_RANGES.sweepPoints;
  if (!Array.isArray(list) || !inRange(list.length, points)) {
    throw new ParameterError('mgListMM', Array.isArray(list) ? `${list.length} points` : list, `a list of ${points.min} to ${points.max} concentrations`);
  }
  list.forEach((mg, k) => checkField(`mgListMM[${k}]`, mg, USER_RANGES.mgOutMM));
  checkField('durationMs', request.durationMs, USER_RANGES.sweepPointMs);
  checkField('warmupMs', request.warmupMs, USER_RANGES.sweepWarmupMs);
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function sweepRowOf(mgOutMM: number, summary: AnalysisSummary): SweepRow {
  const { rateEHz, rateIHz, bursts, burstRateHz, burstFraction, cvIsi, synchrony } = summary;
  return { mgOutMM, rateEHz, rateIHz, bursts, burstRateHz, burstFraction, cvIsi, synchrony };
}

export async function runSweep(
  request: SweepRequest,
  onProgress?: (progress: SweepProgress) => void,
  isCancelled?: () => boolean,
): Promise<SweepResult> {
  validateSweepRequest(request);
  const rows: SweepRow[] = [];
  const points = request.mgListMM.length;
  const cancelled = (): SweepResult => ({ rows, cancelled: true });
  let lastYieldMs = performance.now();

  for (let p = 0; p < points; p++) {
    const mgOutMM = request.mgListMM[p];
    const config = structuredClone(request.config);
    config.live = { ...config.live, mgOutMM };
    const sim = Simulation.create(config);
    const dtMs = config.dtMs;
    const warmupSteps = Math.round(request.warmupMs / dtMs);
    const durationSteps = Math.max(1, Math.round(request.durationMs / dtMs));
    const totalSteps = warmupSteps + durationSteps;
    const chunkSteps = Math.max(1, Math.round(SWEEP_CHUNK_MS / dtMs));

    let done = 0;
    while (done < totalSteps) {
      // a chunk ends exactly at the end of the warm-up, whose spikes are then dropped
      const until = done < warmupSteps ? warmupSteps : totalSteps;
      const steps = Math.min(chunkSteps, until - done);
      sim.advance(steps);
      done += steps;
      if (done === warmupSteps) sim.spikes.drain();
      if (performance.now() - lastYieldMs >= SWEEP_YIELD_MS) {
        onProgress?.({ fraction: (p + done / totalSteps) / points, pointIndex: p, points, mgOutMM });
        await yieldToEventLoop();
        lastYieldMs = performance.now();
        if (isCancelled?.()) return cancelled();
      }
    }

    const { ids, steps } = sim.spikes.drain();
    const { summary } = analyseRun(analysisNetworkOf(sim.network), ids, steps, durationSteps, { startStep: warmupSteps });
    const row = sweepRowOf(mgOutMM, summary);
    rows.push(row);
    onProgress?.({ fraction: (p + 1) / points, pointIndex: p, points, mgOutMM, row });
    await yieldToEventLoop();
    lastYieldMs = performance.now();
    if (isCancelled?.() && p < points - 1) return cancelled();
  }
  return { rows, cancelled: false };
}
