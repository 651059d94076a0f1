/**
 * Two threads stepping one network (src/core/kernel/sliceThreads.ts): a real Node worker thread
 * (dist-node/slice-thread.js, the runner's helper) steps slice 1 while this thread steps slice 0.
 * The spikes, the probe traces and the final state must be the same bit for bit as one thread
 * stepping both slices, through live changes between batches, short batches (stepped here alone)
 * and a second network handed to the same helper.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_THREADED_STEPS } from '../../../src/core/kernel/sliceStepper';
import type { LiveParams, NetworkConfig } from '../../../src/core/params';
import { presetConfig, withNeurons } from '../../../src/core/presets';
import { Simulation } from '../../../src/core/simulation';
import { buildNodeEntries } from '../nodeBuild';

type Schedule = [number, Partial<LiveParams>?][];

function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

let worker: Worker;

beforeAll(() => {
  worker = new Worker(join(buildNodeEntries(), 'slice-thread.js'));
});

afterAll(async () => {
  await worker?.terminate();
});

async function waitReady(sim: Simulation): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!sim.network.helperReady) {
    if (Date.now() > deadline) throw new Error('the helper thread did not answer');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Runs the schedule on one thread or two; returns spikes, probe samples, the network and how many batches ran threaded. */
async function run(config: NetworkConfig, schedule: Schedule, threads: 1 | 2, probes: number[]) {
  const sim = Simulation.create(config, { kernel: 'wasm' });
  expect(sim.network.attachHelperPossible).toBe(true);
  if (threads === 2) {
    expect(sim.network.attachHelper(worker, 'always')).toBe(true);
    await waitReady(sim);
  }
  sim.setProbes(probes);
  let threadedBatches = 0;
  const samples: number[] = [];
  for (const [steps, live] of schedule) {
    if (live) sim.setLive(live);
    if (sim.network.helperReady && steps >= MIN_THREADED_STEPS) threadedBatches++;
    sim.advance(steps);
    const p = sim.probes.drain();
    samples.push(...p.samples);
  }
  return { sim, ...sim.spikes.drain(), samples: Float32Array.from(samples), threadedBatches };
}

function expectSame(one: Awaited<ReturnType<typeof run>>, two: Awaited<ReturnType<typeof run>>) {
  expect(bytesOf(two.ids).equals(bytesOf(one.ids)), 'spike ids').toBe(true);
  expect(bytesOf(two.steps).equals(bytesOf(one.steps)), 'spike steps').toBe(true);
  expect(bytesOf(two.samples).equals(bytesOf(one.samples)), 'probe samples').toBe(true);
  for (const key of ['vMV', 'gAmpaNS', 'gGabaNS', 'sNmda', 'adaptPA', 'sNmdaPre', 'refractoryLeftSteps'] as const) {
    expect(bytesOf(two.sim.network[key]).equals(bytesOf(one.sim.network[key])), key).toBe(true);
  }
  for (let s = 0; s < one.sim.network.slices.length; s++) {
    expect(Array.from(two.sim.network.slices[s].rng.state)).toEqual(Array.from(one.sim.network.slices[s].rng.state));
  }
}

describe('two threads', () => {
  it('step the bursting sheet (event lists, Poisson drive) exactly as one thread, probes in both slices', async () => {
    const config = withNeurons(presetConfig('sheet'), 2000);
    config.live.mgOutMM = 0;
    const schedule: Schedule = [[600], [5], [400, { mgOutMM: 1.2 }], [300, { mgOutMM: 0, driveRateHz: 2 }], [7], [500]];
    const probes = [3, 999, 1001, 1999]; // slice 0 is [0, 1000), slice 1 [1000, 2000)
    const one = await run(config, schedule, 1, probes);
    const two = await run(config, schedule, 2, probes);
    expect(one.ids.length).toBeGreaterThan(1000);
    expect(two.threadedBatches).toBe(4);
    expect(one.threadedBatches).toBe(0);
    // the helper stepped slice 1 in every threaded batch (all of it unless its core was busy elsewhere)
    expect(two.sim.network.threadedSteps).toBeGreaterThanOrEqual(4);
    expect(one.sim.network.threadedSteps).toBe(0);
    expectSame(one, two);
  });

  it('step COBA (FIFO delivery, one-step delays) exactly as one thread', async () => {
    const config = withNeurons(presetConfig('coba'), 1200);
    const schedule: Schedule = [[300], [300, { gGabaScale: 0.8 }], [10]];
    const one = await run(config, schedule, 1, [0, 1100]);
    const two = await run(config, schedule, 2, [0, 1100]);
    expect(two.sim.network.delivery).toBe('fifo');
    expect(one.ids.length).toBeGreaterThan(500);
    expect(two.threadedBatches).toBe(2); // the 10-step batch runs on one thread
    expect(two.sim.network.threadedSteps).toBeGreaterThanOrEqual(2);
    expectSame(one, two);
  });

  it('odd sizes: slices cut on a multiple of 4, inhibitory cells in both', async () => {
    const config = withNeurons(presetConfig('sheet'), 1003);
    config.exc.gNmdaNS *= 1.5;
    config.live.mgOutMM = 0.2;
    const one = await run(config, [[700]], 1, [1002]);
    const two = await run(config, [[700]], 2, [1002]);
    expect(one.sim.network.slices.map((s) => [s.lo, s.hi])).toEqual([[0, 504], [504, 1003]]);
    expectSame(one, two);
  });
});

describe('a helper that never answers', () => {
  it('leaves the network on this thread, with the same spikes', async () => {
    const config = withNeurons(presetConfig('sheet'), 800);
    const one = await run(config, [[400]], 1, []);
    const sim = Simulation.create(config, { kernel: 'wasm' });
    const posted: unknown[] = [];
    expect(sim.network.attachHelper({ postMessage: (m) => posted.push(m) }, 'always')).toBe(true);
    expect(posted).toHaveLength(1);
    expect(sim.network.helperReady).toBe(false);
    sim.advance(400);
    expect(sim.network.threadedSteps).toBe(0);
    const spikes = sim.spikes.drain();
    expect(bytesOf(spikes.ids).equals(bytesOf(one.ids))).toBe(true);
    expect(bytesOf(spikes.steps).equals(bytesOf(one.steps))).toBe(true);
  });
});

describe('the runner on two threads', () => {
  it('writes the same spikes with --threads 1 and --threads 2, and says which it used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-threads-'));
    const out = (threads: number) => {
      const csv = join(dir, `spikes-${threads}.csv`);
      const r = spawnSync(
        process.execPath,
        [join(buildNodeEntries(), 'sim.js'), '--preset', 'sheet', '--n', '3000', '--mg', '0', '--duration-ms', '400', '--seed', '5', '--json', '--threads', String(threads), '--spikes', csv],
        { encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      return { summary: JSON.parse(r.stdout.trim().split('\n').pop()!), csv: readFileSync(csv, 'utf8') };
    };
    const one = out(1);
    const two = out(2);
    expect(one.summary.threads).toBe(1);
    expect(two.summary.threads).toBe(2);
    expect(one.summary.spikes).toBeGreaterThan(1000);
    expect(two.csv === one.csv).toBe(true);
  });
});
