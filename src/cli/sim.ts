/**
 * The headless runner: `npm run sim -- --preset coba --duration-ms 10000 --seed 1 --json`.
 * Runs the same core as the browser worker; the thing to profile with `node --cpu-prof`.
 * With --json the last line of stdout is one JSON object.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { nmdaIvCurve } from '../core/mgBlock';
import { ParameterError } from '../core/params';
import { presetConfig } from '../core/presets';
import { Simulation } from '../core/simulation';
import { parseArgs, UsageError } from './args';
import type { RunnerArgs } from './args';
import { runToSummary } from './runSummary';
import { attachSliceThread, defaultThreads, startSliceThread } from './threads';

async function main(argv: string[]): Promise<number> {
  let args: RunnerArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }

  if (args.experiment === 'iv') {
    const mgOutMM = args.mgOutMM ?? 1.2;
    const result = { experiment: 'iv', mgOutMM, gNS: 1, eNmdaMV: 0, points: nmdaIvCurve(mgOutMM) };
    if (args.json) console.log(JSON.stringify(result));
    else for (const p of result.points) console.log(`${p.vMV.toFixed(0).padStart(5)} mV  ${p.iPA.toFixed(3).padStart(9)} pA`);
    return 0;
  }

  const config = presetConfig(args.preset);
  if (args.neurons !== undefined) config.neurons = args.neurons;
  if (args.dtMs !== undefined) config.dtMs = args.dtMs;
  if (args.seed !== undefined) config.seed = args.seed;
  if (args.mgOutMM !== undefined) config.live.mgOutMM = args.mgOutMM;

  if (args.experiment === 'sweep') {
    const { runSweepCli } = await import('./sweepCli');
    return runSweepCli(config, args);
  }

  let sim: Simulation;
  try {
    sim = Simulation.create(config);
  } catch (error) {
    if (error instanceof ParameterError) {
      console.error(`${flagFor(error.field)}: ${error.message}`);
      return 2;
    }
    throw error;
  }

  // a helper thread steps half of the network (the same spikes as one thread)
  const threads = args.threads ?? defaultThreads();
  const helper = threads > 1 ? startSliceThread(import.meta.url) : null;
  const threaded = helper ? await attachSliceThread(sim.network, helper) : false;

  let csv: WriteStream | undefined;
  if (args.spikesPath) {
    csv = createWriteStream(args.spikesPath);
    csv.write('neuron_id,time_ms\n');
  }
  const summary = runToSummary(sim, args.durationMs, (ids, steps) => {
    if (!csv) return;
    const dt = sim.config.dtMs;
    let text = '';
    for (let k = 0; k < ids.length; k++) text += `${ids[k]},${+(steps[k] * dt).toFixed(4)}\n`;
    csv.write(text);
  });
  if (csv) await new Promise<void>((resolve, reject) => csv!.end((err?: Error | null) => (err ? reject(err) : resolve())));

  if (args.json) {
    // threads: 2 when a helper thread was attached; threadedFraction: the share of the steps it
    // took part in (the runner falls back to one thread while two are slower: src/core/kernel/sliceThreads.ts)
    const threadedFraction = sim.stepIndex > 0 ? sim.network.threadedSteps / sim.stepIndex : 0;
    console.log(JSON.stringify({ ...summary, threads: threaded ? 2 : 1, threadedFraction }));
  } else {
    console.log(
      `${summary.preset}: ${summary.neurons} neurons (${summary.excitatory} E), ${summary.synapses} synapses, ` +
        `dt ${summary.dtMs} ms, seed ${summary.seed}, [Mg]o ${summary.mgOutMM} mM\n` +
        `${summary.durationMs} ms simulated in ${summary.simMs.toFixed(0)} ms (build ${summary.buildMs.toFixed(0)} ms): ` +
        `${summary.realtimeFactor.toFixed(2)}× real time on ${threaded ? 'two threads' : 'one thread'}\n` +
        `${summary.spikes} spikes; E ${summary.rateEHz.toFixed(2)} Hz, I ${summary.rateIHz.toFixed(2)} Hz`,
    );
  }
  return 0;
}

/** The command-line flag behind a config field, so errors name what the user typed. */
function flagFor(field: string): string {
  const flags: Record<string, string> = { neurons: '--n', dtMs: '--dt-ms', seed: '--seed', 'live.mgOutMM': '--mg' };
  return flags[field] ?? field;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
