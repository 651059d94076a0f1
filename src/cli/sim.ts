/**
 * The headless runner: `npm run sim -- --preset coba --duration-ms 10000 --seed 1 --json`.
 * Runs the same core as the browser worker; the thing to profile with `node --cpu-prof`.
 * With --json the last line of stdout is one JSON object.
 */
import { nmdaIvCurve } from '../core/mgBlock';
import { Simulation } from '../core/simulation';
import { parseArgs, UsageError } from './args';
import type { RunnerArgs } from './args';
import { definedFigures, definedItems, fixed, reasonLines } from './figures';
import { runnerConfig } from './runConfig';
import { ExportError } from '../export/nwb/hdf5';
import { startHandOff } from './handOff';
import { runToSummary } from './runSummary';
import type { RunSummary } from './runSummary';
import { SpikesFile, SpikesFileError } from './spikesFile';
import { attachSliceThread, defaultThreads, startSliceThread } from './threads';

async function main(argv: string[]): Promise<number> {
  try {
    return await run(parseArgs(argv));
  } catch (error) {
    // a refused argument, an unwritable --spikes file or export: one line, status 2
    if (error instanceof UsageError || error instanceof SpikesFileError || error instanceof ExportError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

async function run(args: RunnerArgs): Promise<number> {
  if (args.experiment === 'iv') {
    const mgOutMM = args.mgOutMM ?? 1.2;
    const result = { experiment: 'iv', mgOutMM, gNS: 1, eNmdaMV: 0, points: nmdaIvCurve(mgOutMM) };
    if (args.json) console.log(JSON.stringify(result));
    else for (const p of result.points) console.log(`${p.vMV.toFixed(0).padStart(5)} mV  ${p.iPA.toFixed(3).padStart(9)} pA`);
    return 0;
  }

  const config = runnerConfig(args);
  if (args.experiment === 'sweep') {
    const { runSweepCli } = await import('./sweepCli');
    return runSweepCli(config, args);
  }

  // before the build, so an unwritable file is refused before any work is done
  const csv = args.spikesPath === undefined ? undefined : SpikesFile.open(args.spikesPath);
  try {
    const sim = Simulation.create(config);
    // a helper thread steps half of the network (the same spikes as one thread)
    const threads = args.threads ?? defaultThreads();
    const helper = threads > 1 ? startSliceThread(import.meta.url) : null;
    const threaded = helper ? await attachSliceThread(sim.network, helper) : false;
    // the folder exports are of the network as built; the NWB file records the run
    const nwb = await startHandOff(sim, args);

    const summary = runToSummary(sim, args.durationMs, (ids, steps) => {
      nwb?.addSpikes(ids, steps);
      if (!csv) return;
      const dt = sim.config.dtMs;
      let text = '';
      for (let k = 0; k < ids.length; k++) text += `${ids[k]},${+(steps[k] * dt).toFixed(4)}\n`;
      csv.write(text);
    });
    csv?.finish();
    await nwb?.finish(sim, summary.ictalEvents);
    printSummary(args, sim, summary, threaded);
    return 0;
  } catch (error) {
    csv?.abort();
    throw error;
  }
}

type PrintedSummary = ReturnType<typeof printedSummary>;

/** The summary as printed: undefined figures null with their reasons, the ictal events' too. */
function printedSummary(raw: RunSummary) {
  return { ...definedFigures(raw), ictalEvents: definedItems(raw.ictalEvents) };
}

function printSummary(args: RunnerArgs, sim: Simulation, raw: RunSummary, threaded: boolean): void {
  const summary = printedSummary(raw);
  if (args.json) {
    // threads: 2 when a helper thread was attached; threadedFraction: the share of the steps it
    // took part in (the runner falls back to one thread while two are slower: src/core/kernel/sliceThreads.ts)
    const threadedFraction = sim.stepIndex > 0 ? sim.network.threadedSteps / sim.stepIndex : 0;
    console.log(JSON.stringify({ ...summary, threads: threaded ? 2 : 1, threadedFraction }));
    return;
  }
  const realtime =
    summary.realtimeFactor === null ? `real-time factor n/a (${summary.nullReasons.realtimeFactor})` : `${fixed(summary.realtimeFactor, 2)}× real time`;
  console.log(
    `${summary.preset}: ${summary.neurons} neurons (${summary.excitatory} E), ${summary.synapses} synapses, ` +
      `dt ${summary.dtMs} ms, seed ${summary.seed}, [Mg]o ${summary.mgOutMM} mM\n` +
      `${summary.durationMs} ms simulated in ${fixed(summary.simMs, 0)} ms (build ${fixed(summary.buildMs, 0)} ms): ` +
      `${realtime} on ${threaded ? 'two threads' : 'one thread'}\n` +
      `${summary.spikes} spikes; E ${fixed(summary.rateEHz, 2)} Hz, I ${fixed(summary.rateIHz, 2)} Hz; ` +
      `${summary.bursts} bursts; CV ISI ${fixed(summary.cvIsi, 2)}, χ ${fixed(summary.synchrony, 3)}\n` +
      ionsLine(summary),
  );
  for (const line of reasonLines(summary.nullReasons)) console.log(line);
}

/** The ion bath and the seizure figures, on one line. */
function ionsLine(s: PrintedSummary): string {
  const mM = (value: number | null, digits: number) => (value === null ? 'n/a' : `${fixed(value, digits)} mM`);
  const bath = s.ions === 'on' ? `ions on: [K]bath ${s.kBathMM} mM, [Ca]o ${s.caOutMM} mM, [K]o peak ${mM(s.kOutPeakMM, 2)}` : 'ions off';
  const seconds = (ms: number | null) => fixed(ms === null ? null : ms / 1000, 1);
  const events = s.ictalEvents.map((e) => `${seconds(e.startMs)}–${seconds(e.endMs)} s${s.ions === 'on' ? ` (${mM(e.kOutPeakMM, 1)})` : ''}`);
  return (
    `${bath}; ${events.length} ictal event${events.length === 1 ? '' : 's'}${events.length > 0 ? `: ${events.join(', ')}` : ''}; ` +
    `postictal ratio ${fixed(s.postictalRateRatio, 2)}; interictal bursts ${fixed(s.interictalBurstRateHz, 2)}/s`
  );
}

// A reader that stops early (`npm run sim | head`) closes the pipe: stop quietly, as a Unix tool
// does, rather than die of an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit();
    process.exitCode = 1;
  });
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
