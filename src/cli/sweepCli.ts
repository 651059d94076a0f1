/**
 * `--experiment sweep`: the [Mg]o dose–response sweep, with the shared runSweep (the worker runs
 * the same). Progress goes to stderr; with --json the last line of stdout is one JSON object.
 */
import type { NetworkConfig } from '../core/params';
import { ParameterError } from '../core/params';
import { runSweep } from '../experiments/sweep';
import type { RunnerArgs } from './args';

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
    if (error instanceof ParameterError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const rows = result.rows.map((row) => ({
    ...row,
    cvIsi: Number.isFinite(row.cvIsi) ? row.cvIsi : null,
    synchrony: Number.isFinite(row.synchrony) ? row.synchrony : null,
  }));
  const output = {
    experiment: 'sweep',
    preset: config.preset,
    neurons: config.neurons,
    seed: config.seed,
    dtMs: config.dtMs,
    durationMs: args.durationMs,
    warmupMs: args.warmupMs,
    wallMs: performance.now() - t0,
    rows,
  };
  if (args.json) {
    console.log(JSON.stringify(output));
  } else {
    console.log('  Mg mM   rate E Hz   bursts   burst Hz   in burst   CV ISI    χ');
    for (const r of rows) {
      console.log(
        `${r.mgOutMM.toFixed(2).padStart(7)} ${r.rateEHz.toFixed(2).padStart(11)} ${String(r.bursts).padStart(8)} ` +
          `${r.burstRateHz.toFixed(2).padStart(10)} ${(r.burstFraction * 100).toFixed(1).padStart(9)} % ` +
          `${(r.cvIsi ?? NaN).toFixed(2).padStart(7)} ${(r.synchrony ?? NaN).toFixed(3).padStart(6)}`,
      );
    }
  }
  return 0;
}
