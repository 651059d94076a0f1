/**
 * Exports a preset network for Brian2 (src/export/brian2/) and, if asked, runs it in Mg Gate too,
 * so the two can be compared on the same wiring:
 *
 *   npm run -s build:node
 *   node dist-node/export-brian2.js --out /tmp/sheet2500 --preset sheet --n 2500 --seed 1 --mg 0 \
 *        [--drive-hz 1] [--drive-seed 7] [--init '{"vMeanMV":-52}'] [--kernel wasm|reference] [--run-ms 3000] [--spikes mg.csv]
 *   /usr/bin/python3 /tmp/sheet2500/network.py --duration-ms 3000 --json [--spikes brian2.csv]
 *
 * With --run-ms it prints one JSON line of Mg Gate's run of the exported network (the same keys as
 * network.py's: rateEHz, rateIHz, rateHz, spikes, plus the analysis module's bursts and χ).
 * With --analyse brian2.csv --duration-ms 3000 it prints the same line for Brian2's spikes instead,
 * through the same analysis, so that a burst means the same thing for both.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { analyseRun, analysisNetworkOf } from '../src/analysis';
import type { KernelKind } from '../src/core/network';
import { PRESET_NAMES, presetConfig, withNeurons } from '../src/core/presets';
import type { PresetName } from '../src/core/presets';
import { Rng } from '../src/core/rng';
import { Simulation } from '../src/core/simulation';
import { brian2ExportFiles } from '../src/export/brian2/brian2Export';
import { writeExportFolder } from '../src/export/writeFolder';

function parse(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let k = 0; k < argv.length; k++) {
    const key = argv[k];
    if (!key.startsWith('--') || k + 1 >= argv.length) throw new Error(`expected --name value pairs, got ${key}`);
    out.set(key.slice(2), argv[++k]);
  }
  return out;
}

function numberArg(args: Map<string, string>, key: string, fallback: number): number {
  const raw = args.get(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`--${key} = ${raw} is not a number`);
  return value;
}

const args = parse(process.argv.slice(2));
const preset = (args.get('preset') ?? 'sheet') as PresetName;
if (!PRESET_NAMES.includes(preset)) throw new Error(`--preset = ${preset} is not allowed: expected one of ${PRESET_NAMES.join(', ')}`);
const config = withNeurons(presetConfig(preset), numberArg(args, 'n', presetConfig(preset).neurons));
config.seed = numberArg(args, 'seed', 1);
config.live.mgOutMM = numberArg(args, 'mg', config.live.mgOutMM);
config.live.driveRateHz = numberArg(args, 'drive-hz', config.live.driveRateHz);
// e.g. --init '{"vMeanMV":-52}': a start that ignites the network without drive (an exact check)
Object.assign(config.init, JSON.parse(args.get('init') ?? '{}'));
const kernel = (args.get('kernel') ?? 'auto') as KernelKind | 'auto';
const sim = Simulation.create(config, { kernel, sharedMemory: false });
const out = args.get('out');
if (out) await writeExportFolder(out, brian2ExportFiles(sim.network), '--out');

/** Spikes of a neuron_id,time_ms file as ids and steps, in time order. */
function readSpikeCsv(path: string, dtMs: number): { ids: Uint32Array; steps: Uint32Array } {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
  rows.sort((a, b) => a[1] - b[1]);
  return { ids: Uint32Array.from(rows, (r) => r[0]), steps: Uint32Array.from(rows, (r) => Math.round(r[1] / dtMs)) };
}

const analyse = args.get('analyse');
if (analyse) {
  const durationMs = numberArg(args, 'duration-ms', 3000);
  const { ids, steps } = readSpikeCsv(analyse, config.dtMs);
  const { summary } = analyseRun(analysisNetworkOf(sim.network), ids, steps, Math.round(durationMs / config.dtMs));
  console.log(JSON.stringify({ file: analyse, durationMs, spikes: ids.length, rateEHz: summary.rateEHz, rateIHz: summary.rateIHz,
    bursts: summary.bursts, burstFraction: summary.burstFraction, synchrony: summary.synchrony }));
}

const runMs = numberArg(args, 'run-ms', 0);
// --drive-seed k: another drive realisation on the same wiring and start (Brian2's --seed likewise)
const driveSeed = args.get('drive-seed');
if (driveSeed !== undefined) {
  sim.network.slices.forEach((slice, s) => slice.rng.state.set(Rng.fromSeed(numberArg(args, 'drive-seed', 0), 1000 + s).state));
}
if (runMs > 0) {
  const steps = Math.round(runMs / config.dtMs);
  const t0 = performance.now();
  for (let done = 0; done < steps; done += 100_000) sim.advance(Math.min(100_000, steps - done));
  const wallMs = performance.now() - t0;
  const { ids, steps: at, count } = sim.spikes;
  const net = sim.network;
  const { summary } = analyseRun(analysisNetworkOf(net), ids.subarray(0, count), at.subarray(0, count), steps);
  const csv = args.get('spikes');
  if (csv) {
    const lines = ['neuron_id,time_ms'];
    for (let k = 0; k < count; k++) lines.push(`${ids[k]},${(at[k] * config.dtMs).toFixed(1)}`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
  }
  console.log(JSON.stringify({
    simulator: `mg-gate-${net.kernelKind}`,
    neurons: net.neurons,
    excitatory: net.excitatory,
    synapses: net.synapses,
    durationMs: runMs,
    seed: config.seed,
    mgOutMM: config.live.mgOutMM,
    spikes: count,
    rateHz: summary.rateHz,
    rateEHz: summary.rateEHz,
    rateIHz: summary.rateIHz,
    bursts: summary.bursts,
    burstFraction: summary.burstFraction,
    synchrony: summary.synchrony,
    runWallMs: wallMs,
  }));
}
