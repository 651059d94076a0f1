import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../../src/analysis';
import type { AnalysisNetwork } from '../../../src/analysis';
import { WaveFitter } from '../../../src/analysis/waveFit';
import { Rng } from '../../../src/core/rng';
import { DT_MS, SpikeList, gridLayout, poissonPopulation, steps, torusDistance, travellingWave } from './synthetic';

const W = 60;
const H = 60;
const SPACING_UM = 50;

function sheet(seed: number): AnalysisNetwork {
  const layout = gridLayout(Rng.fromSeed(seed, 1), W, H, SPACING_UM);
  return { neurons: W * H, excitatory: Math.round(0.8 * W * H), dtMs: DT_MS, layout };
}

/** 2 Hz background for `runMs`, plus the given waves. */
function waves(net: AnalysisNetwork, seed: number, runMs: number, list: Array<{ site: number; t0Ms: number; speed: number }>) {
  const rng = Rng.fromSeed(seed, 2);
  const spikes = new SpikeList();
  poissonPopulation(spikes, rng, net.neurons, 0, steps(runMs), () => 2);
  for (const w of list) travellingWave(spikes, rng, net.layout!, w.site, w.t0Ms, w.speed);
  return spikes.build(steps(runMs));
}

const site = (x: number, y: number) => y * W + x;

describe('burst onset site and propagation speed', () => {
  it('recovers the onset and the speed of travelling waves on a torus (within 15 %)', () => {
    const net = sheet(1);
    const truth = [
      { site: site(20, 30), t0Ms: 800, speed: 100 },
      { site: site(58, 1), t0Ms: 1600, speed: 40 }, // straddles both edges
      { site: site(5, 44), t0Ms: 2400, speed: 250 },
    ];
    const { ids, steps: st } = waves(net, 1, 3000, truth);
    const { bursts } = analyseRun(net, ids, st, steps(3000));
    expect(bursts).toHaveLength(truth.length);
    bursts.forEach((b, k) => {
      expect(b.startMs).toBeGreaterThanOrEqual(truth[k].t0Ms);
      expect(b.startMs).toBeLessThan(truth[k].t0Ms + 30);
      expect(torusDistance(b.onsetSite, truth[k].site, W, H)).toBeLessThanOrEqual(2);
      expect(b.speedMmPerS).not.toBeNull();
      expect(b.speedMmPerS!).toBeGreaterThan(0.85 * truth[k].speed);
      expect(b.speedMmPerS!).toBeLessThan(1.15 * truth[k].speed);
    });
  });

  it('finds the onset of a slow wave that crosses the threshold long after it began', () => {
    // at 20 mm/s the front needs ~25 ms to recruit enough cells to lift the population rate
    const net = sheet(2);
    const { ids, steps: st } = waves(net, 2, 2000, [{ site: site(40, 12), t0Ms: 1000, speed: 20 }]);
    const { bursts } = analyseRun(net, ids, st, steps(2000));
    expect(bursts).toHaveLength(1);
    expect(bursts[0].startMs).toBeGreaterThan(1010);
    expect(torusDistance(bursts[0].onsetSite, site(40, 12), W, H)).toBeLessThanOrEqual(2);
    expect(bursts[0].speedMmPerS!).toBeGreaterThan(0.85 * 20);
    expect(bursts[0].speedMmPerS!).toBeLessThan(1.15 * 20);
  });

  it('gives no onset site and no speed for a burst that starts everywhere at once', () => {
    const net = sheet(3);
    const rng = Rng.fromSeed(3, 3);
    const spikes = new SpikeList();
    poissonPopulation(spikes, rng, net.neurons, 0, steps(2000), () => 2);
    for (let i = 0; i < net.neurons; i++) {
      for (let k = 0; k < 4; k++) spikes.add(i, steps(1000 + 8 * k + 3 * rng.uniform()));
    }
    const { ids, steps: st } = spikes.build(steps(2000));
    const { bursts } = analyseRun(net, ids, st, steps(2000));
    expect(bursts).toHaveLength(1);
    expect(bursts[0].onsetSite).toBe(-1);
    expect(bursts[0].speedMmPerS).toBeNull();
  });

  it('gives onset −1 and no speed without a layout', () => {
    const net = sheet(4);
    const { ids, steps: st } = waves(net, 4, 1500, [{ site: site(10, 10), t0Ms: 1000, speed: 100 }]);
    const withLayout = analyseRun(net, ids, st, steps(1500)).bursts;
    const without = analyseRun({ ...net, layout: undefined }, ids, st, steps(1500)).bursts;
    expect(withLayout[0].onsetSite).toBeGreaterThanOrEqual(0);
    expect(without).toEqual([{ ...withLayout[0], onsetSite: -1, speedMmPerS: null }]);
  });
});

describe('WaveFitter', () => {
  const layout = gridLayout(Rng.fromSeed(5), W, H, SPACING_UM);
  const settings = {
    dtMs: DT_MS,
    onsetWindowSteps: 50,
    minOnsetCells: 8,
    minConcentration: 0.3,
    ringWidthSites: 2,
    minRingCells: 5,
    minRings: 4,
    minR2: 0.5,
  };

  /** First-spike steps of an exact wave from `onset` at `speed` mm/s, starting at step 1000. */
  function exactWave(onset: number, speed: number) {
    const n = layout.siteOfNeuron.length;
    const firstStep = new Float64Array(n);
    for (let i = 0; i < n; i++) firstStep[i] = 1000 + steps((torusDistance(layout.siteOfNeuron[i], onset, W, H) * SPACING_UM) / speed);
    return { ids: Uint32Array.from({ length: n }, (_, i) => i), firstStep };
  }

  it('recovers an exact wave within 3 %, onset centred on the right site', () => {
    const fitter = new WaveFitter(layout, settings);
    for (const [onset, speed] of [[site(0, 0), 60], [site(31, 17), 150]] as const) {
      const { ids, firstStep } = exactWave(onset, speed);
      const fit = fitter.fitWave(ids, ids.length, firstStep, 1000, 1e9);
      expect(fit.onsetSite).toBe(onset);
      expect(fit.speedMmPerS! / speed).toBeGreaterThan(0.97);
      expect(fit.speedMmPerS! / speed).toBeLessThan(1.03);
      expect(fit.r2).toBeGreaterThan(0.99);
      expect(fit.rings).toBeGreaterThan(15);
    }
  });

  it('ignores cells outside [onsetStep, endStep) and needs enough onset cells', () => {
    const fitter = new WaveFitter(layout, settings);
    const { ids, firstStep } = exactWave(site(30, 30), 100);
    // only cells within 2.5 sites fire in the 5-ms onset window: about 20
    expect(fitter.fitWave(ids, ids.length, firstStep, 1000, 1e9).onsetSite).toBe(site(30, 30));
    // counting only 5 cells: too few for an onset
    const few = fitter.fitWave(ids, 5, firstStep, 1000, 1e9);
    expect(few).toMatchObject({ onsetSite: -1, speedMmPerS: null });
    // an end before the front reaches far: fewer rings, still a fit
    const early = fitter.fitWave(ids, ids.length, firstStep, 1000, 1000 + steps(10));
    expect(early.rings).toBeLessThanOrEqual(11); // 10 ms at 100 mm/s: 20 sites, 10 rings
    expect(early.speedMmPerS! / 100).toBeGreaterThan(0.9);
    expect(early.speedMmPerS! / 100).toBeLessThan(1.1);
  });

  it('finds no focus when the first spikes are scattered over the sheet', () => {
    const n = layout.siteOfNeuron.length;
    const rng = Rng.fromSeed(6);
    const firstStep = new Float64Array(n);
    for (let i = 0; i < n; i++) firstStep[i] = 1000 + rng.below(steps(20));
    const ids = Uint32Array.from({ length: n }, (_, i) => i);
    expect(new WaveFitter(layout, settings).fitWave(ids, n, firstStep, 1000, 1e9)).toMatchObject({ onsetSite: -1, speedMmPerS: null });
    // the same cells with the concentration test off: some site, still no speed (no wave)
    const loose = new WaveFitter(layout, { ...settings, minConcentration: 0 }).fitWave(ids, n, firstStep, 1000, 1e9);
    expect(loose.onsetSite).toBeGreaterThanOrEqual(0);
    expect(loose.speedMmPerS).toBeNull();
  });
});
