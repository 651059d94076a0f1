/**
 * Shared runs and checks for the ion targets of issue 12 (docs/MODEL.md §Ion dynamics): the sheet
 * at 2,500 cells (25 ion patches, the size the ion model was tuned on; it behaves as 10,000 do),
 * with the runner's own loop and analysis (src/cli/runSummary.ts: chunks of 100 ms, the highest
 * [K⁺]o sampled per chunk). Each seed runs in its own file so vitest spreads the seeds over the
 * cores; one zero-Mg run (up to 240 s) serves every zero-Mg row.
 *
 * Each run stops as soon as its row is decided, which keeps a seed near a minute of CPU (fast
 * kernel, one thread, 2,500 cells: ≈ 6× real time in the normal bath, ≈ 2× while ictal): the normal
 * bath runs its full 120 s; zero Mg until the second ictal event and the 5 s after it (≈ 85 s; at
 * most 240 s); Ca 3 until its first event and [K⁺]o rise are known, or the Ca-2 ones are passed
 * (a few seconds); Ca 1 until its second event begins (≈ 45 s), or the Ca-2 second onset is passed; K 8.5 until its first burst or event (at most 60 s).
 */
import { describe, expect, it } from 'vitest';
import { analysisNetworkOf, OnlineAnalyser } from '../../../src/analysis';
import type { AnalysisSummary, BurstEvent, IctalEvent } from '../../../src/analysis';
import { ICTAL_MIN_MS } from '../../../src/analysis/ictal';
import { advanceAnalysed, CHUNK_STEPS } from '../../../src/cli/runSummary';
import type { LiveParams } from '../../../src/core/params';
import { presetConfig, withNeurons } from '../../../src/core/presets';
import { Simulation } from '../../../src/core/simulation';

export const NEURONS = 2500;
/** The target's ictal [K⁺]o (issue 12: "peak [K⁺]o ≥ 8 mM"): only an ictal event takes a patch there. */
export const K_ICTAL_MM = 8;
/** The start-up transient of the sheet (docs/MODEL.md §The sheet): a burst in it is not the bath's doing. */
const STARTUP_MS = 500;

export interface BathRun {
  live: Readonly<LiveParams>;
  summary: AnalysisSummary;
  bursts: BurstEvent[];
  events: IctalEvent[];
  /** lowest and highest [K⁺]o of any patch at any chunk's end, mM */
  kOutMinMM: number;
  kOutMaxMM: number;
  /** the first chunk end with a patch at K_ICTAL_MM or more, ms; null when none */
  kOutIctalMs: number | null;
  /** simulated time, ms */
  endMs: number;
  /** the live parameters at the end were those of the start: nothing changed them */
  unchanged: boolean;
}

/**
 * Runs the sheet in `bath` (ions on) for up to `maxMs`, or until `stop(analyser, bursts so far,
 * kOutIctalMs)` says so (checked after every chunk), and finishes the analysis.
 */
export function runBath(
  seed: number,
  bath: Partial<LiveParams>,
  maxMs: number,
  stop?: (analyser: OnlineAnalyser, bursts: readonly BurstEvent[], kOutIctalMs: number | null) => boolean,
): BathRun {
  const config = withNeurons(presetConfig('sheet'), NEURONS);
  config.seed = seed;
  config.live = { ...config.live, ionsOn: 1, ...bath };
  const sim = Simulation.create(config);
  const start = { ...sim.live };
  const analyser = new OnlineAnalyser(analysisNetworkOf(sim.network));
  const bursts: BurstEvent[] = [];
  let kOutMinMM = Infinity;
  let kOutMaxMM = -Infinity;
  let kOutIctalMs: number | null = null;
  const ions = sim.network.ions;
  const maxSteps = Math.round(maxMs / config.dtMs);
  while (sim.stepIndex < maxSteps) {
    advanceAnalysed(sim, analyser, Math.min(CHUNK_STEPS, maxSteps - sim.stepIndex));
    bursts.push(...analyser.takeNewBursts());
    for (const k of ions.kOutMM) if (k < kOutMinMM) kOutMinMM = k;
    kOutMaxMM = Math.max(kOutMaxMM, ions.kOutMaxMM());
    if (kOutIctalMs === null && ions.kOutMaxMM() >= K_ICTAL_MM) kOutIctalMs = sim.timeMs;
    if (stop?.(analyser, bursts, kOutIctalMs)) break;
  }
  analyser.finish();
  bursts.push(...analyser.takeNewBursts());
  const live = sim.live;
  const unchanged = (Object.keys(start) as (keyof LiveParams)[]).every((key) => live[key] === start[key]);
  return { live, summary: analyser.summary(), bursts, events: analyser.ictalEvents(), kOutMinMM, kOutMaxMM, kOutIctalMs, endMs: sim.timeMs, unchanged };
}

/**
 * Whether run a's first ictal event comes before run b's: by onset, and at equal onsets by when
 * [K⁺]o reached K_ICTAL_MM. Equal onsets happen at the detector's floor: no bin is raised in the
 * first ICTAL_BASELINE_MIN_MS (ictal.ts), so two runs ictal from the start are both dated 2.0 s.
 */
export function firstEventEarlier(a: BathRun, b: BathRun): boolean {
  const ta = a.summary.firstIctalMs;
  const tb = b.summary.firstIctalMs;
  if (ta === null) return false;
  if (tb === null || ta < tb) return true;
  return ta === tb && a.kOutIctalMs !== null && (b.kOutIctalMs === null || a.kOutIctalMs < b.kOutIctalMs);
}

/** One line per run for the log: the figures the report quotes. */
export function describeRun(name: string, seed: number, r: BathRun): string {
  const s = r.summary;
  const events = r.events.map((e) => `${(e.startMs / 1000).toFixed(1)}–${(e.endMs / 1000).toFixed(1)} s (${(e.durationMs / 1000).toFixed(1)} s, [K]o ${e.kOutPeakMM.toFixed(2)} mM, post ${e.postictalRatio === null ? 'n/a' : e.postictalRatio.toFixed(2)}${e.atRunEnd ? ', cut by the run end' : ''})`);
  return (
    `ions, seed ${seed}, ${name}, ${(r.endMs / 1000).toFixed(1)} s: E ${s.rateEHz.toFixed(1)} Hz, ${s.bursts} bursts (first at ${r.bursts.length > 0 ? (r.bursts[0].startMs / 1000).toFixed(2) : '–'} s), ` +
    `interictal ${s.interictalBurstRateHz.toFixed(2)}/s; [K]o ${r.kOutMinMM.toFixed(2)}–${r.kOutMaxMM.toFixed(2)} mM; ` +
    `[K]o ≥ ${K_ICTAL_MM} mM from ${r.kOutIctalMs === null ? '–' : (r.kOutIctalMs / 1000).toFixed(1)} s; ` +
    `${r.events.length} ictal: ${events.join('; ') || 'none'}; postictal ratio ${s.postictalRateRatio === null ? 'n/a' : s.postictalRateRatio.toFixed(2)}`
  );
}

const NORMAL = { mgOutMM: 1.2, kBathMM: 3.5, caOutMM: 2 };
const ZERO_MG = { mgOutMM: 0, kBathMM: 3.5, caOutMM: 2 };

/** Registers the targets of issue 12 for one seed. */
export function ionTargets(seed: number): void {
  describe(`ion targets on the ${NEURONS}-cell sheet, seed ${seed}`, () => {
    it('Mg 1.2, K 3.5, Ca 2 mM: no ictal event in 120 s, [K⁺]o within 1 mM of the bath', () => {
      const r = runBath(seed, NORMAL, 120_000);
      console.log(describeRun('Mg 1.2 K 3.5 Ca 2', seed, r));
      expect(r.endMs).toBe(120_000);
      expect(r.events).toEqual([]);
      expect(r.kOutMaxMM).toBeLessThanOrEqual(NORMAL.kBathMM + 1);
      expect(r.kOutMinMM).toBeGreaterThanOrEqual(NORMAL.kBathMM - 1);
    }, 900_000);

    it('Mg 0: interictal bursts, then ictal events that end by themselves, a postictal dip and recurrence; Ca 1 earlier, Ca 3 later', () => {
      // until the second event's postictal window has passed (its ratio known), at most 240 s
      const r = runBath(seed, ZERO_MG, 240_000, (a) => {
        const events = a.ictalEvents();
        return events.length >= 2 && events[1].postictalRatio !== null;
      });
      console.log(describeRun('Mg 0 K 3.5 Ca 2', seed, r));
      // bursts within the first seconds, as without ions
      expect(r.bursts.length).toBeGreaterThan(0);
      expect(r.bursts[0].startMs).toBeLessThan(5000);
      // a first ictal event within 120 s: ≥ 5 s long, [K⁺]o ≥ 8 mM, over before the run ends, with no parameter changed
      expect(r.events.length).toBeGreaterThanOrEqual(2);
      const [first, second] = r.events;
      expect(first.startMs).toBeLessThan(120_000);
      expect(first.durationMs).toBeGreaterThanOrEqual(5000);
      expect(first.kOutPeakMM).toBeGreaterThanOrEqual(8);
      expect(first.atRunEnd).toBe(false);
      expect(r.unchanged).toBe(true);
      // the rate after an event stays below its level before it
      expect(r.summary.postictalRateRatio).not.toBeNull();
      expect(r.summary.postictalRateRatio!).toBeLessThan(1);
      // and it comes back
      expect(second.startMs).toBeLessThan(240_000);
      expect(second.startMs).toBeGreaterThan(first.endMs);

      // Ca 1 and Ca 3 against Ca 2: each runs until its first event and its [K⁺]o rise are known, or
      // until an event that began before the Ca-2 one would be known (2 s after its onset), and one
      // that tied with it would have raised [K⁺]o first
      expect(r.kOutIctalMs).not.toBeNull();
      const decidedBy = Math.max(first.startMs + ICTAL_MIN_MS + 1000, r.kOutIctalMs! + 100);
      const known = (a: OnlineAnalyser, _b: readonly BurstEvent[], kOutIctalMs: number | null) => a.summary().firstIctalMs !== null && kOutIctalMs !== null;
      // Ca 1 also until its second onset, or until one sooner than the Ca-2 second onset would be known
      const onsets = (a: OnlineAnalyser) => a.ictalEvents().length + (a.summary().inIctalEvent ? 1 : 0);
      const ca1 = runBath(seed, { ...ZERO_MG, caOutMM: 1 }, Math.max(decidedBy, second.startMs + ICTAL_MIN_MS + 1000), (a, b, k) => known(a, b, k) && onsets(a) >= 2);
      console.log(describeRun('Mg 0 K 3.5 Ca 1', seed, ca1));
      expect(firstEventEarlier(ca1, r), `Ca 1 (${ca1.summary.firstIctalMs} ms, [K]o ${ca1.kOutIctalMs}) vs Ca 2 (${first.startMs} ms, ${r.kOutIctalMs})`).toBe(true);
      // and more frequent: the second event follows the first sooner
      const interval = (events: readonly IctalEvent[]) => (events.length >= 2 ? events[1].startMs - events[0].startMs : Infinity);
      expect(interval(ca1.events), `Ca 1 onsets ${ca1.events.map((e) => e.startMs).join(', ')} ms vs Ca 2 ${first.startMs}, ${second.startMs} ms`).toBeLessThan(interval(r.events));
      // Ca 3: later, or none
      const ca3 = runBath(seed, { ...ZERO_MG, caOutMM: 3 }, decidedBy, known);
      console.log(describeRun('Mg 0 K 3.5 Ca 3', seed, ca3));
      expect(ca3.summary.firstIctalMs === null || firstEventEarlier(r, ca3), `Ca 3 (${ca3.summary.firstIctalMs} ms) vs Ca 2 (${first.startMs} ms)`).toBe(true);
    }, 900_000);

    it('Mg 1.2, K 8.5 mM: epileptiform activity (bursts or ictal events) within 60 s', () => {
      // a burst in the start-up transient is not the bath's doing
      const epileptiform = (s: AnalysisSummary, bursts: readonly BurstEvent[]) => s.firstIctalMs !== null || bursts.some((b) => b.startMs >= STARTUP_MS);
      const r = runBath(seed, { ...NORMAL, kBathMM: 8.5 }, 60_000, (a, bursts) => epileptiform(a.summary(), bursts));
      console.log(describeRun('Mg 1.2 K 8.5 Ca 2', seed, r));
      expect(epileptiform(r.summary, r.bursts)).toBe(true);
    }, 900_000);
  });
}
