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
import type { AnalysisSummary, BurstEvent } from '../analysis/types';
import type { IctalEvent } from '../analysis/ictal';
import { checkField, ParameterError } from '../core/params';
import { inRange, USER_RANGES } from '../core/ranges';
import { Simulation } from '../core/simulation';
import type { SweepIon, SweepProgress, SweepRequest, SweepResult, SweepRow } from '../protocol/types';

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
  const ion = request.ion ?? 'mgOutMM';
  if (!SWEEP_IONS.includes(ion)) throw new ParameterError('ion', ion, `one of ${SWEEP_IONS.join(', ')}`);
  list.forEach((value, k) => checkField(`mgListMM[${k}]`, value, USER_RANGES[ion]));
  checkField('durationMs', request.durationMs, USER_RANGES.sweepPointMs);
  checkField('warmupMs', request.warmupMs, USER_RANGES.sweepWarmupMs);
}

/** The ions a sweep may vary. */
export const SWEEP_IONS: readonly SweepIon[] = ['mgOutMM', 'kBathMM', 'caOutMM'];

/**
 * Burst frequency from the intervals between onsets, Hz: (n − 1) bursts in the time from the first
 * onset to the last. Counting whole bursts in the window (n / duration) reads exactly 1.0/s for any
 * rate between about 1 and 1.5 Hz in a 2-s window; the intervals resolve it. One burst: 1 / duration.
 */
export function burstFrequencyHz(bursts: readonly Pick<BurstEvent, 'startMs'>[], durationMs: number): number {
  if (bursts.length === 0) return 0;
  if (bursts.length === 1) return durationMs > 0 ? 1000 / durationMs : 0;
  const spanMs = bursts[bursts.length - 1].startMs - bursts[0].startMs;
  return spanMs > 0 ? ((bursts.length - 1) * 1000) / spanMs : 0;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function sweepRowOf(
  point: { ion: SweepIon; valueMM: number; mgOutMM: number },
  summary: AnalysisSummary,
  bursts: readonly BurstEvent[],
  ictalEvents: readonly IctalEvent[],
  durationMs: number,
  warmupMs = 0,
): SweepRow {
  const { rateEHz, rateIHz, burstFraction, cvIsi, synchrony } = summary;
  return {
    ...point,
    rateEHz,
    rateIHz,
    bursts: summary.bursts,
    burstRateHz: burstFrequencyHz(bursts, durationMs),
    ictalEvents: ictalEvents.length,
    firstIctalMs: ictalEvents.length > 0 ? ictalEvents[0].startMs - warmupMs : null,
    burstFraction,
    cvIsi,
    synchrony,
  };
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

  const ion = request.ion ?? 'mgOutMM';
  for (let p = 0; p < points; p++) {
    const valueMM = request.mgListMM[p];
    const config = structuredClone(request.config);
    config.live = { ...config.live, [ion]: valueMM };
    const mgOutMM = config.live.mgOutMM;
    const sim = Simulation.create(config);
    const dtMs = config.dtMs;
    const warmupSteps = Math.round(request.warmupMs / dtMs);
    const durationSteps = Math.max(1, Math.round(request.durationMs / dtMs));
    const totalSteps = warmupSteps + durationSteps;
    const chunkSteps = Math.max(1, Math.round(SWEEP_CHUNK_MS / dtMs));

    // the highest [K+]o after each measured chunk, for the ictal detector (ions on only)
    const ionsOn = config.live.ionsOn === 1;
    const kOutMax: number[] = [];
    let done = 0;
    while (done < totalSteps) {
      // a chunk ends exactly at the end of the warm-up, whose spikes are then dropped
      const until = done < warmupSteps ? warmupSteps : totalSteps;
      const steps = Math.min(chunkSteps, until - done);
      sim.advance(steps);
      done += steps;
      if (done === warmupSteps) sim.spikes.drain();
      else if (done > warmupSteps && ionsOn) kOutMax.push(sim.network.kOutMaxMM());
      if (performance.now() - lastYieldMs >= SWEEP_YIELD_MS) {
        onProgress?.({ fraction: (p + done / totalSteps) / points, pointIndex: p, points, mgOutMM });
        await yieldToEventLoop();
        lastYieldMs = performance.now();
        if (isCancelled?.()) return cancelled();
      }
    }

    const { ids, steps } = sim.spikes.drain();
    const kOut = ionsOn ? { stepsPerSample: chunkSteps, maxMM: kOutMax } : undefined;
    const run = analyseRun(analysisNetworkOf(sim.network), ids, steps, durationSteps, { startStep: warmupSteps }, kOut);
    const row = sweepRowOf({ ion, valueMM, mgOutMM }, run.summary, run.bursts, run.ictalEvents, durationSteps * dtMs, warmupSteps * dtMs);
    rows.push(row);
    onProgress?.({ fraction: (p + 1) / points, pointIndex: p, points, mgOutMM, row });
    await yieldToEventLoop();
    lastYieldMs = performance.now();
    if (isCancelled?.() && p < points - 1) return cancelled();
  }
  return { rows, cancelled: false };
}
