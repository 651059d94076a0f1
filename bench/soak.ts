/**
 * The long run (issue 16): the bursting 10,000-cell sheet for one simulated hour through the
 * runner's own loop (src/cli/runSummary.ts runToSummary: the build, the chunks, the drained spike
 * buffers and the online analysis, as `npm run sim` runs them), with this process's memory
 * sampled every so many simulated seconds. After a warm-up, memory must stay flat: the growth from
 * the first samples after the warm-up to the last ones must stay under 5 %, for the resident set
 * and for the JS heap (after a GC, where --expose-gc allows one, so the heap is what is kept).
 *
 *   npm run soak -- [--duration-ms 3600000] [--mg 0]   (builds, then node --expose-gc dist-node/soak.js)
 *       [--n 10000] [--threads 1] [--ions on|off] [--warmup-ms 60000] [--sample-every-ms 10000] [--json]
 *
 * Exit status 0 when every figure grew less than MAX_GROWTH, 1 when one did. Not part of npm test:
 * an hour simulated takes tens of minutes of wall time.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseDecimal } from '../src/core/ranges';
import { presetConfig, withNeurons } from '../src/core/presets';
import { Simulation } from '../src/core/simulation';
import { runToSummary } from '../src/cli/runSummary';
import { attachSliceThread, startSliceThread } from '../src/cli/threads';

/** Growth allowed after the warm-up (issue 16): 5 %. */
const MAX_GROWTH = 0.05;
/** Samples averaged at each end of the measured stretch, so one GC's timing decides nothing. */
const END_SAMPLES = 5;

interface SoakOptions {
  durationMs: number;
  mgOutMM: number;
  neurons: number;
  threads: number;
  warmupMs: number;
  sampleEveryMs: number;
  json: boolean;
  /** 1: the ion model (the sheet's default), 0: fixed ions — the NMDA bursting alone, 4× cheaper at 0 mM */
  ionsOn: number;
}

function parseOptions(argv: string[]): SoakOptions {
  const options: SoakOptions = { durationMs: 3_600_000, mgOutMM: 0, neurons: 10_000, threads: 1, warmupMs: 60_000, sampleEveryMs: 10_000, json: false, ionsOn: 1 };
  const flags: Record<string, keyof SoakOptions> = {
    '--duration-ms': 'durationMs', '--mg': 'mgOutMM', '--n': 'neurons', '--threads': 'threads', '--warmup-ms': 'warmupMs', '--sample-every-ms': 'sampleEveryMs',
  };
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--json') {
      options.json = true;
      continue;
    }
    if (argv[k] === '--ions') {
      const word = argv[++k];
      if (word !== 'on' && word !== 'off') throw new Error(`soak: --ions ${word ?? ''}: expected on or off`);
      options.ionsOn = word === 'on' ? 1 : 0;
      continue;
    }
    const key = Object.hasOwn(flags, argv[k]) ? flags[argv[k]] : undefined;
    const value = parseDecimal(argv[k + 1] ?? '');
    if (key === undefined || !Number.isFinite(value) || value < 0) throw new Error(`soak: ${argv[k]} ${argv[k + 1] ?? ''}: expected one of ${Object.keys(flags).join(', ')} with a number ≥ 0, --ions on|off, or --json`);
    (options[key] as number) = value;
    k++;
  }
  if (options.warmupMs + END_SAMPLES * 2 * options.sampleEveryMs > options.durationMs) {
    throw new Error(`soak: ${options.durationMs} ms is too short for a ${options.warmupMs} ms warm-up and ${2 * END_SAMPLES} samples every ${options.sampleEveryMs} ms`);
  }
  return options;
}

interface Sample {
  simS: number;
  wallS: number;
  rssMB: number;
  heapUsedMB: number;
  /** ArrayBuffers outside the heap: the network's typed arrays */
  arrayBuffersMB: number;
}

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

function sample(simS: number, wallS: number): Sample {
  gc?.();
  const m = process.memoryUsage();
  return { simS, wallS, rssMB: m.rss / MB, heapUsedMB: m.heapUsed / MB, arrayBuffersMB: m.arrayBuffers / MB };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Growth of a figure from the first END_SAMPLES after the warm-up to the last END_SAMPLES. */
function growthOf(samples: Sample[], figure: 'rssMB' | 'heapUsedMB' | 'arrayBuffersMB') {
  const start = mean(samples.slice(0, END_SAMPLES).map((s) => s[figure]));
  const end = mean(samples.slice(-END_SAMPLES).map((s) => s[figure]));
  const max = Math.max(...samples.map((s) => s[figure]));
  return { startMB: start, endMB: end, maxMB: max, growth: (end - start) / start };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const config = withNeurons(presetConfig('sheet'), options.neurons);
  config.live.mgOutMM = options.mgOutMM;
  config.live.ionsOn = options.ionsOn;
  const sim = Simulation.create(config);
  const threaded = options.threads > 1 ? await attachSliceThread(sim.network, startSliceThread(import.meta.url)) : false;
  const { dtMs } = sim.config;
  const stepsPerSample = Math.round(options.sampleEveryMs / dtMs);
  const warmupSteps = Math.round(options.warmupMs / dtMs);
  const loadStart = loadavg()[0];
  const t0 = performance.now();
  const warmup: Sample[] = [];
  const measured: Sample[] = [];
  let nextSampleStep = stepsPerSample;
  // the runner's loop, sampled between its chunks (the spikes are drained and analysed there)
  const summary = runToSummary(sim, options.durationMs, () => {
    if (sim.stepIndex < nextSampleStep) return;
    nextSampleStep += stepsPerSample;
    const s = sample((sim.stepIndex * dtMs) / 1000, (performance.now() - t0) / 1000);
    (sim.stepIndex <= warmupSteps ? warmup : measured).push(s);
    if (!options.json) process.stderr.write(`\r${s.simS.toFixed(0)} s simulated, ${s.wallS.toFixed(0)} s wall, rss ${s.rssMB.toFixed(1)} MB, heap ${s.heapUsedMB.toFixed(2)} MB   `);
  });
  if (!options.json) process.stderr.write('\n');
  const growth = { rss: growthOf(measured, 'rssMB'), heapUsed: growthOf(measured, 'heapUsedMB'), arrayBuffers: growthOf(measured, 'arrayBuffersMB') };
  const passed = Object.values(growth).every((g) => g.growth < MAX_GROWTH);
  const result = {
    preset: 'sheet', neurons: options.neurons, mgOutMM: options.mgOutMM, ions: options.ionsOn ? 'on' : 'off', durationMs: summary.durationMs, warmupMs: options.warmupMs,
    threads: threaded ? 2 : 1, cores: availableParallelism(), gcBeforeSamples: gc !== undefined,
    wallS: (performance.now() - t0) / 1000, realtimeFactor: summary.realtimeFactor, spikes: summary.spikes, rateEHz: summary.rateEHz,
    bursts: summary.bursts, burstRateHz: summary.burstRateHz, loadAverage: { start: loadStart, end: loadavg()[0] },
    growth, maxGrowth: MAX_GROWTH, passed, warmupSamples: warmup, samples: measured,
  };
  if (options.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      `sheet, ${options.neurons} neurons at ${options.mgOutMM} mM, ions ${options.ionsOn ? 'on' : 'off'}: ${summary.durationMs / 1000} s simulated in ${result.wallS.toFixed(0)} s ` +
        `(${summary.realtimeFactor.toFixed(2)}× real time, ${result.threads} thread${result.threads > 1 ? 's' : ''}); ${summary.bursts} bursts (${summary.burstRateHz.toFixed(2)} /s), E ${summary.rateEHz.toFixed(1)} Hz`,
    );
    console.log(`memory over ${measured.length} samples after a ${options.warmupMs / 1000} s warm-up${gc ? ' (each after a GC)' : ' (no --expose-gc: heap figures include garbage)'}:`);
    for (const [name, g] of Object.entries(growth)) {
      console.log(`  ${name.padEnd(12)} ${g.startMB.toFixed(2)} → ${g.endMB.toFixed(2)} MB (max ${g.maxMB.toFixed(2)}): ${(100 * g.growth).toFixed(2)} % ${g.growth < MAX_GROWTH ? 'ok' : `≥ ${100 * MAX_GROWTH} %`}`);
    }
  }
  return passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
