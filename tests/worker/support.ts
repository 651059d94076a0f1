/**
 * Shared by the worker suites in Node (@vitest/web-worker) and in Chromium (browser mode): the real
 * worker file, small networks, and byte-exact comparison of spike trains.
 */
import * as Comlink from 'comlink';
import { compareBufferSources } from 'typed-array-utils';
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

/** The default sheet at 400 cells: fires ≈ 15 Hz at 1.2 mM and ≈ 90 Hz at 0 mM, 200 ms in ≈ 60 ms. */
export function smallSheet(seed = 1, neurons = 400): NetworkConfig {
  const config = presetConfig('sheet');
  config.neurons = neurons;
  config.seed = seed;
  return config;
}

/** Spikes of several frames, joined in order. */
export function joinSpikes(frames: Frame[]): { ids: Uint32Array; steps: Uint32Array } {
  const total = frames.reduce((n, f) => n + f.spikeIds.length, 0);
  const ids = new Uint32Array(total);
  const steps = new Uint32Array(total);
  let at = 0;
  for (const f of frames) {
    ids.set(f.spikeIds, at);
    steps.set(f.spikeSteps, at);
    at += f.spikeIds.length;
  }
  return { ids, steps };
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
