/**
 * Shared by the worker suites in Node (@vitest/web-worker) and in Chromium (browser mode): the real
 * worker file, small networks, and byte-exact comparison of spike trains.
 */
import * as Comlink from 'comlink';
import { compareBufferSources, concatBufferSources } from 'typed-array-utils';
import { SimClient } from '../../src/client/simClient';
import type { SimClientOptions } from '../../src/client/simClient';
import { presetConfig } from '../../src/core/presets';
import type { NetworkConfig } from '../../src/core/params';
import type { Frame } from '../../src/protocol/types';
import type { SimWorkerApi } from '../../workers/sim.worker';

/** The real worker module, as the page starts it. */
export function startWorker(): Worker {
  return new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module' });
}

export function wrap(worker: Worker): Comlink.Remote<SimWorkerApi> {
  return Comlink.wrap<SimWorkerApi>(worker);
}

/** A worker whose module throws on load (the failure the client must report). */
export function startBrokenWorker(): Worker {
  return new Worker(new URL('./fixtures/broken.worker.ts', import.meta.url), { type: 'module' });
}

// What the running test started; endStarted() (afterEach) ends it all.
let openWorkers: Worker[] = [];
let openClients: SimClient[] = [];

/** The real worker's API over Comlink, without the client; ended after the test. */
export function openWorker(): Comlink.Remote<SimWorkerApi> {
  const worker = startWorker();
  openWorkers.push(worker);
  return wrap(worker);
}

/**
 * A client whose workers are made by `start` (the real worker file unless told), counted in
 * `started` in the order the client made them (the live one first, then a sweep's or a restart's),
 * and ended after the test.
 */
export function makeClient(options: SimClientOptions = {}, start: () => Worker = startWorker): { client: SimClient; started: Worker[] } {
  const started: Worker[] = [];
  const client = new SimClient({
    ...options,
    createWorker: () => {
      const worker = start();
      started.push(worker);
      return worker;
    },
  });
  openClients.push(client);
  return { client, started };
}

/** Ends every worker and client the test started (pass to afterEach). */
export function endStarted(): void {
  for (const worker of openWorkers) worker.terminate();
  for (const client of openClients) client.terminate();
  openWorkers = [];
  openClients = [];
}

/** The default sheet at 400 cells: fires ≈ 15 Hz at 1.2 mM and ≈ 90 Hz at 0 mM, 200 ms in ≈ 60 ms. */
export function smallSheet(seed = 1, neurons = 400): NetworkConfig {
  const config = presetConfig('sheet');
  config.neurons = neurons;
  config.seed = seed;
  return config;
}

/** Spikes of several frames, joined in order (their bytes concatenated: a fresh, aligned buffer). */
export function joinSpikes(frames: Frame[]): { ids: Uint32Array; steps: Uint32Array } {
  return {
    ids: new Uint32Array(concatBufferSources(...frames.map((f) => f.spikeIds)).buffer),
    steps: new Uint32Array(concatBufferSources(...frames.map((f) => f.spikeSteps)).buffer),
  };
}

/** Byte-for-byte equality (typed-array-utils' compareBufferSources; its unsafe variant is buggy). */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const bytes = (v: ArrayBufferView) => new Uint8Array(v.buffer as ArrayBuffer, v.byteOffset, v.byteLength);
  return compareBufferSources(bytes(a), bytes(b));
}

/** The Mg-block channel (B(V)) of probe p in every sample of a frame. */
export function blockTrace(frame: Frame, probe = 0): number[] {
  const probes = frame.probeIds.length;
  const out: number[] = [];
  for (let s = 0; s < frame.probeSampleCount; s++) out.push(frame.probeSamples[(s * probes + probe) * 3 + 2]);
  return out;
}

/** Resolves after ms of wall time. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
