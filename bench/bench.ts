/**
 * The benchmark harness: `npm run bench` (builds the Node bundles, then runs this).
 *
 * For each case (preset × size × [Mg]o × kernel × threads) it does setup (build the network, timed), a fixed
 * warm-up, several timed runs of a fixed number of steps, and teardown, and reports medians with
 * their spread: µs per step (wall clock and this process's CPU time — on a shared machine CPU time
 * is the steadier of the two), neuron-steps/s, synaptic events/s, the real-time factor (simulated ÷
 * wall time), spikes per step, bytes per neuron and per synapse, and the build time. Then
 *  - the rebuilt case: the same networks built again after other sizes and presets ran in between
 *    (the page rebuilds on every reset, size or preset change) — its speed against the first build;
 *  - frames: production and transfer cost of the page's frames through the real worker module
 *    (bench/lib/frames.ts);
 *  - the bursting sheet with the ion model on (10k neurons at 0 mM; ions on unless --ions 0),
 *    timed over two windows of one seeded run, each run from a fresh build: `cycles`, the
 *    interictal bursts (0.5–3.0 s simulated: whole burst cycles before the first ictal event, which
 *    starts at 3.3 s at seed 1), and `ictal`, inside that event (4.0–6.0 s: ≈ 145–180 Hz per cell,
 *    [K]o rising from 5.7 to 8.6 mM). A short run lands inside or outside a burst and says little
 *    about keeping up; the same window of the same seeded run does the same work every time, so
 *    the spread of its runs is timing alone.
 * Threads: each case on one thread and on two (a helper thread steps half of the network,
 * src/core/kernel/sliceThreads.ts; the spikes are the same). With two, read the wall column: the
 * CPU column is then both threads' time.
 * It prints a table and writes everything as JSON to bench/results/<timestamp>.json.
 *
 *   npm run bench                      all sizes (1k … 100k), both presets, the fast kernel
 *   npm run bench -- --quick           fewer and shorter runs, sizes up to 16k (≈ 1 minute)
 *   npm run bench -- --kernels wasm,reference   also the plain-TypeScript reference kernel
 *   npm run bench -- --sizes 4000,10000 --presets sheet --no-frames
 *   npm run bench -- --threads 1       one thread only (default 1,2)
 *   npm run bench -- --ions 0          the ion model off (1: on) in every case (default: the preset's)
 *   npm run bench -- --compare A.json B.json   ratios of B against A, case by case
 *   node dist-node/bench.js --peer --seed 1 --n 4000 --duration-ms 10000   one COBA run for
 *                                      bench/brian2-peer.py (JSON line)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { attachSliceThread, startSliceThread } from '../src/cli/threads';
import type { KernelKind } from '../src/core/network';
import { presetConfig, withNeurons } from '../src/core/presets';
import type { PresetName } from '../src/core/presets';
import { Simulation } from '../src/core/simulation';
import { benchFrames, isFrameWorker, printFrameTable, quantile, runFrameWorker } from './lib/frames';
import type { FrameSizeResult } from './lib/frames';
import { compareResults } from './lib/compare';

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** interquartile range */
  iqr: number;
}

export interface CaseResult {
  key: string;
  preset: PresetName;
  neurons: number;
  synapses: number;
  mgOutMM: number;
  kernel: KernelKind;
  /** threads stepping the network (2: a helper thread steps half of it) */
  threads: number;
  /** share of the timed steps the helper took part in (1 unless it fell behind: busy cores) */
  threadedShare: number;
  delivery: string;
  runs: number;
  stepsPerRun: number;
  warmupSteps: number;
  buildMs: number;
  wallUsPerStep: Spread;
  cpuUsPerStep: Spread;
  neuronStepsPerS: number;
  synapticEventsPerS: number;
  realtimeFactor: number;
  spikesPerStep: number;
  rateHz: number;
  bytesPerNeuron: number;
  bytesPerSynapse: number;
  deliveryBytes: number;
  /** the ion model on (1) or off (0) in this case */
  ionsOn: number;
  /** a phase's window of simulated time, and the highest patch [K]o at its end (interictal ≈ 5, ictal 8–12 mM) */
  window?: { fromMs: number; toMs: number; kOutMaxMMAtEnd: number };
  /** the same case after a rebuild with other networks built and run in between; ratio of CPU µs/step */
  rebuilt?: { wallUsPerStep: Spread; cpuUsPerStep: Spread; ratioToFirst: number };
}

export interface BenchReport {
  bench: 'mg-gate';
  date: string;
  commit: string | null;
  node: string;
  v8: string;
  cpu: string;
  cores: number;
  loadAverageStart: number[];
  loadAverageEnd: number[];
  args: string[];
  results: CaseResult[];
  frames: FrameSizeResult[];
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

function spread(values: number[]): Spread {
  return {
    median: quantile(values, 0.5),
    min: Math.min(...values),
    max: Math.max(...values),
    iqr: quantile(values, 0.75) - quantile(values, 0.25),
  };
}

interface Plan {
  preset: PresetName;
  neurons: number;
  mgOutMM: number;
  /** a window of the bursting sheet's run with ions on (PHASES), timed in fresh builds */
  phase?: PhaseName;
}

/** The windows of the ions-on bursting sheet: simulated ms [fromMs, toMs) of one seeded run. */
const PHASES = {
  /** interictal: whole burst cycles before the first ictal event (seed 1: onset at 3.3 s) */
  cycles: { fromMs: 500, toMs: 3000 },
  /** inside the first ictal event (seed 1: from 3.3 s to past 10 s; 145–180 Hz per cell here) */
  ictal: { fromMs: 4000, toMs: 6000 },
} as const;
type PhaseName = keyof typeof PHASES;

/** Steps per timed run: about the same work per run at every size (at least 100 steps). */
function stepsPerRun(neurons: number, quick: boolean): number {
  return Math.max(100, Math.round((quick ? 1e6 : 4e6) / neurons));
}

function warmupStepsFor(neurons: number, quick: boolean): number {
  if (quick) return neurons > 20_000 ? 200 : 500;
  return neurons > 20_000 ? 500 : 2000;
}

/** Times `runs` runs of `steps` steps; returns per-step wall and CPU µs and what the runs produced. */
function timeRuns(sim: Simulation, runs: number, steps: number) {
  const wall: number[] = [];
  const cpu: number[] = [];
  let spikes = 0;
  let events = 0;
  const { rowStart } = sim.network.connectivity;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    sim.advance(steps);
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    wall.push(((t1 - t0) * 1000) / steps);
    cpu.push((c1.user + c1.system) / steps);
    const { ids } = sim.spikes.drain();
    spikes += ids.length;
    for (let k = 0; k < ids.length; k++) events += rowStart[ids[k] + 1] - rowStart[ids[k]];
  }
  return { wall, cpu, spikes, events };
}

function configFor(plan: Plan) {
  const config = withNeurons(presetConfig(plan.preset), plan.neurons);
  config.live.mgOutMM = plan.mgOutMM;
  // --ions 0|1: the ion model off or on in every case (default: each preset's own; the phases: on)
  const ions = option('ions', '');
  if (ions !== '') config.live.ionsOn = Number(ions);
  else if (plan.phase) config.live.ionsOn = 1;
  return config;
}

/** The helper thread for the two-thread cases (started on first use). */
let helper: Worker | null = null;

/** A network of the plan, with the helper thread attached for two threads. */
async function buildCase(plan: Plan, kernel: KernelKind, threads: number): Promise<Simulation> {
  const sim = Simulation.create(configFor(plan), { kernel });
  if (threads === 2) {
    helper ??= startSliceThread(import.meta.url);
    if (!(await attachSliceThread(sim.network, helper, 10_000, 'always'))) throw new Error('the helper thread did not attach');
  }
  return sim;
}

async function runCase(plan: Plan, kernel: KernelKind, threads: number, runs: number, quick: boolean): Promise<CaseResult> {
  // setup; a phase is timed in a fresh build per run (below)
  let sim = await buildCase(plan, kernel, threads);
  let net = sim.network;
  const phase = plan.phase ? PHASES[plan.phase] : null;
  const dtMs = sim.config.dtMs;
  const steps = phase ? Math.round((phase.toMs - phase.fromMs) / dtMs) : stepsPerRun(plan.neurons, quick);
  // fixed warm-up: V8 and the network both settle (a phase: the run up to its window)
  const warmupSteps = phase ? Math.round(phase.fromMs / dtMs) : warmupStepsFor(plan.neurons, quick);
  const buildMs = sim.summary.buildMs;
  let wall: number[] = [];
  let cpu: number[] = [];
  let spikes = 0;
  let events = 0;
  let threaded = 0;
  const kOutMaxMM: number[] = [];
  for (let r = 0; r < (phase ? runs : 1); r++) {
    if (r > 0) {
      net.detachHelper();
      sim = await buildCase(plan, kernel, threads);
      net = sim.network;
    }
    sim.advance(warmupSteps);
    sim.spikes.drain();
    const threadedBefore = net.threadedSteps;
    const timed = timeRuns(sim, phase ? 1 : runs, steps);
    wall = wall.concat(timed.wall);
    cpu = cpu.concat(timed.cpu);
    spikes += timed.spikes;
    events += timed.events;
    threaded += net.threadedSteps - threadedBefore;
    kOutMaxMM.push(net.kOutMaxMM());
  }
  const totalSteps = runs * steps;
  // a helper that fell behind hands its slice back for the rest of a batch: say how much it stepped
  const threadedShare = threaded / totalSteps;
  const wallSpread = spread(wall);
  const parts = net.bytesByPart;
  const result: CaseResult = {
    key: `${plan.preset}/${plan.neurons}/${plan.mgOutMM}mM${plan.phase ? `/${plan.phase}` : ''}/${kernel}${threads === 2 ? '/2 threads' : ''}`,
    preset: plan.preset,
    neurons: plan.neurons,
    synapses: net.synapses,
    mgOutMM: plan.mgOutMM,
    kernel,
    threads,
    threadedShare,
    delivery: net.delivery,
    runs,
    stepsPerRun: steps,
    warmupSteps,
    ionsOn: sim.network.live.ionsOn,
    window: phase ? { fromMs: phase.fromMs, toMs: phase.toMs, kOutMaxMMAtEnd: kOutMaxMM[0] } : undefined,
    buildMs,
    wallUsPerStep: wallSpread,
    cpuUsPerStep: spread(cpu),
    neuronStepsPerS: plan.neurons / (wallSpread.median * 1e-6),
    synapticEventsPerS: events / totalSteps / (wallSpread.median * 1e-6),
    realtimeFactor: (dtMs * 1000) / wallSpread.median,
    spikesPerStep: spikes / totalSteps,
    rateHz: spikes / plan.neurons / ((totalSteps * dtMs) / 1000),
    bytesPerNeuron: parts.neurons / plan.neurons,
    bytesPerSynapse: parts.synapses / Math.max(1, net.synapses),
    deliveryBytes: parts.delivery,
  };
  // teardown: nothing is kept but the numbers (the helper lets go of this network)
  net.detachHelper();
  return result;
}

function fmt(x: number, digits = 1): string {
  return x.toFixed(digits);
}

function engineering(x: number): string {
  if (x >= 1e9) return `${fmt(x / 1e9, 2)} G`;
  if (x >= 1e6) return `${fmt(x / 1e6, 1)} M`;
  if (x >= 1e3) return `${fmt(x / 1e3, 1)} k`;
  return fmt(x, 0);
}

export function printTable(results: CaseResult[]): void {
  const head = ['case', 'delivery', 'µs/step wall', '(IQR)', 'µs/step CPU', 'RT ×', 'helper share', 'neuron-steps/s', 'syn events/s', 'spikes/step', 'Hz', 'B/neuron', 'B/syn', 'build ms', 'rebuilt ×'];
  const rows = results.map((r) => [
    r.key,
    r.delivery,
    fmt(r.wallUsPerStep.median),
    fmt(r.wallUsPerStep.iqr),
    fmt(r.cpuUsPerStep.median),
    fmt(r.realtimeFactor, 2),
    r.threads === 2 ? fmt(r.threadedShare, 2) : '',
    engineering(r.neuronStepsPerS),
    engineering(r.synapticEventsPerS),
    fmt(r.spikesPerStep),
    fmt(r.rateHz),
    fmt(r.bytesPerNeuron, 0),
    fmt(r.bytesPerSynapse, 1),
    fmt(r.buildMs, 0),
    r.rebuilt ? fmt(r.rebuilt.ratioToFirst, 2) : '',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  console.log(
    'medians of the timed runs; RT × = simulated ÷ wall time; with 2 threads the CPU column is both threads and "helper share" ' +
      'the share of steps the helper stepped (below 1: it fell behind, the cores were busy); rebuilt × = CPU µs/step of a rebuilt network ÷ first build ' +
      '(1.00 = no slowdown); B/neuron excludes synapses and delivery (see JSON deliveryBytes).',
  );
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * `--peer`: one COBA run for bench/brian2-peer.py, chunked like the runner (src/cli/sim.ts), with
 * the loop timed by wall clock and by CPU time (Brian2's standalone reports std::clock(), CPU time).
 * Prints one JSON line.
 */
function peerRun(): void {
  const neurons = Number(option('n', '4000'));
  const durationMs = Number(option('duration-ms', '10000'));
  const config = withNeurons(presetConfig('coba'), neurons);
  config.seed = Number(option('seed', '1'));
  const sim = Simulation.create(config);
  const totalSteps = Math.round(durationMs / config.dtMs);
  let wallMs = 0;
  let cpuMs = 0;
  let spikesE = 0;
  let spikesI = 0;
  const nE = sim.network.excitatory;
  for (let done = 0; done < totalSteps; ) {
    const steps = Math.min(1000, totalSteps - done);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    sim.advance(steps);
    wallMs += performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    cpuMs += (c1.user + c1.system) / 1000;
    done += steps;
    const { ids } = sim.spikes.drain();
    for (let k = 0; k < ids.length; k++) if (ids[k] < nE) spikesE++;
    else spikesI++;
  }
  const seconds = durationMs / 1000;
  console.log(
    JSON.stringify({
      simulator: 'mg-gate',
      kernel: sim.network.kernelKind,
      seed: config.seed,
      neurons,
      synapses: sim.network.synapses,
      durationMs,
      buildMs: sim.summary.buildMs,
      loopWallMs: wallMs,
      loopCpuMs: cpuMs,
      rateEHz: spikesE / nE / seconds,
      rateIHz: spikesI / (neurons - nE) / seconds,
      rateHz: (spikesE + spikesI) / neurons / seconds,
    }),
  );
}

async function main(): Promise<void> {
  if (process.argv.includes('--peer')) {
    peerRun();
    return;
  }
  if (process.argv.includes('--compare')) {
    const at = process.argv.indexOf('--compare');
    const [a, b] = [process.argv[at + 1], process.argv[at + 2]];
    if (!a || !b) {
      console.error('usage: npm run bench -- --compare A.json B.json');
      process.exitCode = 2;
      return;
    }
    compareResults(JSON.parse(readFileSync(a, 'utf8')) as BenchReport, JSON.parse(readFileSync(b, 'utf8')) as BenchReport, a, b);
    return;
  }
  const quick = process.argv.includes('--quick');
  const sizes = option('sizes', quick ? '1000,4000,16000' : '1000,4000,16000,64000,100000').split(',').map(Number);
  const presets = option('presets', 'coba,sheet').split(',') as PresetName[];
  const kernels = option('kernels', 'wasm').split(',') as KernelKind[];
  const threadCounts = option('threads', '1,2').split(',').map(Number);
  const runs = Number(option('runs', quick ? '3' : '5'));
  const loadAverageStart = loadavg();
  const started = performance.now();

  // the plan: every preset at every size (sheet at 1.2 mM: asynchronous), plus the live page's
  // target, the 10k sheet bursting at 0 mM
  const plans: Plan[] = [];
  for (const preset of presets) for (const neurons of sizes) plans.push({ preset, neurons, mgOutMM: 1.2 });
  if (presets.includes('sheet')) {
    plans.push({ preset: 'sheet', neurons: 10_000, mgOutMM: 0 });
    plans.push({ preset: 'sheet', neurons: 10_000, mgOutMM: 0, phase: 'cycles' });
    plans.push({ preset: 'sheet', neurons: 10_000, mgOutMM: 0, phase: 'ictal' });
  }

  const results: CaseResult[] = [];
  for (const kernel of kernels) {
    for (const plan of plans) {
      // the reference kernel is slow at the large sizes: it runs up to 16k (and on one thread)
      if (kernel === 'reference' && plan.neurons > 16_000) continue;
      for (const threads of threadCounts) {
        if (threads === 2 && kernel === 'reference') continue;
        const r = await runCase(plan, kernel, threads, plan.phase ? Math.min(runs, 3) : runs, quick);
        results.push(r);
        console.error(`${r.key}: ${fmt(r.wallUsPerStep.median)} µs/step, RT ${fmt(r.realtimeFactor, 2)}×`);
      }
    }
  }

  // rebuilt case: build the 4k COBA and the 10k sheet again now that every other network has run
  for (const kernel of kernels) {
    for (const plan of [{ preset: 'coba', neurons: 4000, mgOutMM: 1.2 }, { preset: 'sheet', neurons: 10_000, mgOutMM: 0 }] as Plan[]) {
      if (!presets.includes(plan.preset)) continue;
      const first = results.find((r) => r.key === `${plan.preset}/${plan.neurons}/${plan.mgOutMM}mM/${kernel}`);
      const again = await runCase(plan, kernel, 1, runs, quick);
      if (first) {
        // CPU time: steadier than wall time on a shared machine
        first.rebuilt = { wallUsPerStep: again.wallUsPerStep, cpuUsPerStep: again.cpuUsPerStep, ratioToFirst: again.cpuUsPerStep.median / first.cpuUsPerStep.median };
      } else {
        results.push(again);
      }
    }
  }

  const frames: FrameSizeResult[] = [];
  if (!process.argv.includes('--no-frames')) {
    for (const n of quick ? [10_000] : [10_000, 100_000]) {
      const count = quick ? 20 : n > 50_000 ? 20 : 60;
      frames.push(await benchFrames(import.meta.url, n, count, quick ? 5 : 10, 1000 / 60));
    }
  }

  const report: BenchReport = {
    bench: 'mg-gate',
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    v8: process.versions.v8,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAverageStart,
    loadAverageEnd: loadavg(),
    args: process.argv.slice(2),
    results,
    frames,
  };
  console.log(`\nMg Gate bench ${report.commit ?? ''} · Node ${report.node} (V8 ${report.v8}) · ${report.cpu} × ${report.cores}`);
  console.log(`load average at start ${loadAverageStart.map((x) => x.toFixed(2)).join(' ')}, at end ${report.loadAverageEnd.map((x) => x.toFixed(2)).join(' ')}\n`);
  printTable(results);
  if (frames.length) {
    console.log('\nframes (the page pulls 1/60 s of simulated time per frame through the worker):');
    printFrameTable(frames);
  }
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${file} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

if (isMainThread) await main();
else if (isFrameWorker()) await runFrameWorker();
