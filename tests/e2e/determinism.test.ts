/**
 * Same seed, same parameters → bit-identical spikes in Node and in the browser. This test runs the
 * core in Node (here) and the very same modules in headless Chromium (served by Vite), then compares
 * the spike arrays byte for byte, for the sheet (WebAssembly kernel, NMDA, drive) and for COBA.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../src/core/presets';
import type { PresetName } from '../../src/core/presets';
import { Simulation } from '../../src/core/simulation';
import { useBrowser } from './support';

interface Scene {
  preset: PresetName;
  neurons: number;
  seed: number;
  mgOutMM: number;
  steps: number;
}

const SCENES: Scene[] = [
  { preset: 'sheet', neurons: 1600, seed: 7, mgOutMM: 0.1, steps: 3000 },
  { preset: 'coba', neurons: 1000, seed: 3, mgOutMM: 1.2, steps: 2000 },
];

/** Runs a scene in the page with the core modules Vite serves (the same source Node imported). */
const BROWSER_RUN = `(async (s) => {
  const core = await import('/src/core/index.ts');
  const c = core.presetConfig(s.preset);
  Object.assign(c, { neurons: s.neurons, seed: s.seed });
  c.live.mgOutMM = s.mgOutMM;
  const sim = core.Simulation.create(c);
  sim.advance(s.steps);
  const spikes = sim.spikes.drain();
  return { ids: Array.from(spikes.ids), steps: Array.from(spikes.steps), kernel: sim.network.kernelKind };
})(SCENE)`;

function digest(ids: ArrayLike<number>, steps: ArrayLike<number>): string {
  const hash = createHash('sha256');
  hash.update(new Uint8Array(Uint32Array.from(ids).buffer));
  hash.update(new Uint8Array(Uint32Array.from(steps).buffer));
  return hash.digest('hex');
}

describe('determinism across Node and Chromium', () => {
  const browser = useBrowser();

  for (const scene of SCENES) {
    it(`${scene.preset}, seed ${scene.seed}, ${scene.mgOutMM} mM: identical spike trains`, async () => {
      const config = presetConfig(scene.preset);
      Object.assign(config, { neurons: scene.neurons, seed: scene.seed });
      config.live.mgOutMM = scene.mgOutMM;
      const sim = Simulation.create(config);
      sim.advance(scene.steps);
      const node = sim.spikes.drain();
      expect(node.ids.length).toBeGreaterThan(100);

      const { page, errors, close } = await browser.open('/tests/e2e/blank.html');
      try {
        // Passed as source text: vitest rewrites import() inside functions of this file for Node.
        const fromBrowser = (await page.evaluate(BROWSER_RUN.replace('SCENE', JSON.stringify(scene)))) as {
          ids: number[];
          steps: number[];
          kernel: string;
        };
        expect(fromBrowser.kernel).toBe(sim.network.kernelKind);
        expect(fromBrowser.ids.length).toBe(node.ids.length);
        expect(digest(fromBrowser.ids, fromBrowser.steps)).toBe(digest(node.ids, node.steps));
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});
