/**
 * Pinned runs: the exact spikes of a few fixed runs, as a SHA-256 of their (step, id) pairs. A
 * refactor must leave every digest unchanged; a deliberate change of the model or its numerics
 * changes them, and the commit that does so re-pins them here and says why. (Two threads against
 * one are held together bit for bit in threads.test.ts, so one thread is pinned here.)
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KernelKind } from '../../../src/core/network';
import type { NetworkConfig } from '../../../src/core/params';
import { presetConfig, withNeurons } from '../../../src/core/presets';
import { Simulation } from '../../../src/core/simulation';

// re-pinned for issue 12: the membrane update became exponential Euler with step-averaged
// conductances and the NMDA jump exact (docs/MODEL.md §Numerics)
const PIN = {
  sheet0: { spikes: 198985, sha256: '91db4ce7c281e4a3' },
  sheet12: { spikes: 15528, sha256: '8dfee32ddab3d7d1' },
  coba: { spikes: 42953, sha256: 'fe09b92206471c1f' },
  reference: { spikes: 13849, sha256: '34233cdaabed9de4' },
  // the ion model on (docs/MODEL.md §Ion dynamics)
  ions0: { spikes: 154603, sha256: 'e7902114baaaa0f9' },
  ionsReference: { spikes: 15325, sha256: 'e482f00f14a8e755' },
};

function digest(config: NetworkConfig, kernel: KernelKind, steps: number): { spikes: number; sha256: string } {
  const sim = Simulation.create(config, { kernel, sharedMemory: false });
  sim.advance(steps);
  const { ids, steps: at } = sim.spikes.drain();
  const hash = createHash('sha256');
  hash.update(Buffer.from(at.buffer, at.byteOffset, at.byteLength));
  hash.update(Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength));
  return { spikes: ids.length, sha256: hash.digest('hex').slice(0, 16) };
}

/** The sheet with fixed ions (ionsOn 0: the same spikes as before the ion model existed) or with the ion model. */
function sheet(neurons: number, mgOutMM: number, ionsOn = 0): NetworkConfig {
  const config = withNeurons(presetConfig('sheet'), neurons);
  config.live.mgOutMM = mgOutMM;
  config.live.ionsOn = ionsOn;
  return config;
}

describe('pinned runs (spikes bit for bit)', () => {
  it.each([
    ['sheet 2,500 cells at 0 mM, fast kernel, 1 s', () => digest(sheet(2500, 0), 'wasm', 10_000), PIN.sheet0],
    ['sheet 2,500 cells at 1.2 mM, fast kernel, 1 s', () => digest(sheet(2500, 1.2), 'wasm', 10_000), PIN.sheet12],
    ['COBA 4,000 cells, fast kernel, 0.5 s', () => digest(presetConfig('coba'), 'wasm', 5_000), PIN.coba],
    ['sheet 1,000 cells at 0.2 mM, reference kernel, 0.5 s', () => digest(sheet(1000, 0.2), 'reference', 5_000), PIN.reference],
    ['sheet 2,500 cells at 0 mM with ions, fast kernel, 1 s', () => digest(sheet(2500, 0, 1), 'wasm', 10_000), PIN.ions0],
    ['sheet 1,000 cells at 0.2 mM with ions, reference kernel, 0.5 s', () => digest(sheet(1000, 0.2, 1), 'reference', 5_000), PIN.ionsReference],
  ])('%s', (_name, run, pinned) => {
    expect(run()).toEqual(pinned);
  });
});
