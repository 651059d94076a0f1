/**
 * `--experiment sweep`: the [Mg]o dose–response sweep, with the shared runSweep (the worker runs
 * the same). Progress goes to stderr; with --json the last line of stdout is one JSON object.
 */
import type { NetworkConfig } from '../core/params';
import { ParameterError } from '../core/params';
import { runSweep } from '../experiments/sweep';
import type { RunnerArgs } from './args';
import { definedFigures, fixed, reasonLines } from './figures';
import { usageErrorOf } from './runConfig';

export async function runSweepCli(config: NetworkConfig, args: RunnerArgs): Promise<number> {
  const mgListMM = args.mgListMM ?? [];
  const t0 = performance.now();
  let lastReported = -1;
  let result;
  try {
    result = await runSweep({ config, mgListMM, durationMs: args.durationMs, warmupMs: args.warmupMs }, (p) => {
      // one line per 5 % of the sweep, so a log stays readable
      const step = Math.floor(p.fraction * 20);
      if (step === lastReported) return;
      lastReported = step;
      process.stderr.write(`sweep ${(p.fraction * 100).toFixed(0).padStart(3)} % · point ${p.pointIndex + 1}/${p.points} · [Mg]o ${p.mgOutMM} mM\n`);
    });
  } catch (error) {
    // parseArgs checks the same ranges (src/core/ranges.ts), so this is a backstop
    if (error instanceof ParameterError) throw usageErrorOf(error, args);
    throw error;
  }
  // each row: an undefined figure is null, with its reason in the row's nullReasons
  const rows = result.rows.map((row) => definedFigures(row));
  const output = {
    experiment: 'sweep',
    preset: config.preset,
    neurons: config.neurons,
    seed: config.seed,
    dtMs: config.dtMs,
    durationMs: args.durationMs,
    warmupMs: args.warmupMs,
    wallMs: Math.max(0, performance.now() - t0),
    rows,
  };
  if (args.json) {
    console.log(JSON.stringify(output));
  } else {
    console.log('  Mg mM   rate E Hz   bursts   burst Hz   in burst   CV ISI    χ');
    for (const r of rows) {
      console.log(
        `${fixed(r.mgOutMM, 2).padStart(7)} ${fixed(r.rateEHz, 2).padStart(11)} ${String(r.bursts).padStart(8)} ` +
          `${fixed(r.burstRateHz, 2).padStart(10)} ${fixed(r.burstFraction === null ? null : r.burstFraction * 100, 1).padStart(9)} % ` +
          `${fixed(r.cvIsi, 2).padStart(7)} ${fixed(r.synchrony, 3).padStart(6)}`,
      );
    }
    for (const line of new Set(rows.flatMap((r) => reasonLines(r.nullReasons)))) console.log(line);
  }
  return 0;
}
