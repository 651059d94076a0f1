// Issue 12: no NaN or Infinity in any state at any corner of the user's bath (Mg 0–3, K 2–12,
// Ca 0.5–4 mM) with the largest drive — a short run per corner with the fast kernel (1 s) and the
// reference kernel (0.3 s: it is several times slower). The network's and the ion field's state are every typed array they hold, so a state
// array added later is checked too.
import { describe, expect, it } from 'vitest';
import { LIVE_RANGES } from '../../../src/core/params';
import type { LiveParams } from '../../../src/core/params';
import { USER_RANGES } from '../../../src/core/ranges';
import { Simulation } from '../../../src/core/simulation';
import { presetConfig, withNeurons } from '../../../src/core/presets';
import type { KernelKind } from '../../../src/core/network';

const NEURONS = 2500;
const RUN_MS: Record<KernelKind, number> = { wasm: 1000, reference: 300 };

/** Names of the typed arrays of `holder` that hold a NaN or an infinity; `checked` gets every name looked at. */
function nonFinite(holder: object, prefix: string, checked: string[]): string[] {
  const bad: string[] = [];
  for (const [key, value] of Object.entries(holder)) {
    if (!(value instanceof Float64Array || value instanceof Float32Array)) continue;
    checked.push(`${prefix}${key}`);
    for (let i = 0; i < value.length; i++) {
      if (!Number.isFinite(value[i])) {
        bad.push(`${prefix}${key}[${i}] = ${value[i]}`);
        break;
      }
    }
  }
  return bad;
}

const corners: Partial<LiveParams>[] = [];
for (const mgOutMM of [USER_RANGES.mgOutMM.min, USER_RANGES.mgOutMM.max]) {
  for (const kBathMM of [USER_RANGES.kBathMM.min, USER_RANGES.kBathMM.max]) {
    for (const caOutMM of [USER_RANGES.caOutMM.min, USER_RANGES.caOutMM.max]) corners.push({ mgOutMM, kBathMM, caOutMM });
  }
}

describe('the sheet with ions at the corners of the bath, largest drive', () => {
  for (const kernel of ['wasm', 'reference'] as const) {
    for (const bath of corners) {
      const ms = RUN_MS[kernel];
      it(`${kernel} kernel, Mg ${bath.mgOutMM}, K ${bath.kBathMM}, Ca ${bath.caOutMM} mM: every state finite after ${ms} ms`, () => {
        const config = withNeurons(presetConfig('sheet'), NEURONS);
        config.live = { ...config.live, ...bath, ionsOn: 1, driveRateHz: LIVE_RANGES.driveRateHz.max };
        const sim = Simulation.create(config, { kernel, sharedMemory: false });
        const ions = sim.network.ions;
        sim.advance(Math.round(ms / config.dtMs));
        const spikes = sim.spikes.drain().ids.length;
        const checked: string[] = [];
        const bad = [...nonFinite(sim.network, 'network.', checked), ...nonFinite(ions, 'ions.', checked)];
        // the state that matters is among what was looked at
        expect(checked).toEqual(expect.arrayContaining(['network.vMV', 'network.gAmpaNS', 'network.adaptPA', 'ions.kOutMM', 'ions.naInMM']));
        console.log(
          `ions corner (${kernel}) Mg ${bath.mgOutMM} K ${bath.kBathMM} Ca ${bath.caOutMM}: ${spikes} spikes, ` +
            `[K]o max ${ions.kOutMaxMM().toFixed(2)} mM, [Na]i mean ${ions.naInMeanMM().toFixed(2)} mM`,
        );
        expect(bad).toEqual([]);
        // the run did something: the largest drive makes the sheet fire
        expect(spikes).toBeGreaterThan(NEURONS);
      }, 300_000);
    }
  }
});
