import { describe, expect, it } from 'vitest';
import { analyseRun, OnlineAnalyser } from '../../../src/analysis';
import { Synchrony } from '../../../src/analysis/synchrony';
import { Rng } from '../../../src/core/rng';
import { DT_MS, SpikeList, independentPoisson, steps } from './synthetic';

const net = (neurons: number) => ({ neurons, excitatory: Math.round(0.8 * neurons), dtMs: DT_MS });

describe('Golomb–Rinzel synchrony χ', () => {
  for (const neurons of [100, 400, 2500]) {
    it(`≈ 1/√N for ${neurons} independent Poisson cells`, () => {
      const list = new SpikeList();
      independentPoisson(list, Rng.fromSeed(neurons), neurons, 0, steps(5000), 20);
      const { ids, steps: st } = list.build();
      const { summary } = analyseRun(net(neurons), ids, st, steps(5000));
      const expected = 1 / Math.sqrt(neurons);
      expect(summary.synchrony).toBeGreaterThan(0.85 * expected);
      expect(summary.synchrony).toBeLessThan(1.15 * expected);
    });
  }

  it('= 1 when every cell fires at the same moments', () => {
    const rng = Rng.fromSeed(9);
    const list = new SpikeList();
    const neurons = 300;
    for (let t = 0; t < 3000; t += 20 + 80 * rng.uniform()) {
      for (let i = 0; i < neurons; i++) list.add(i, steps(t));
    }
    const { ids, steps: st } = list.build(steps(3000));
    const { summary } = analyseRun(net(neurons), ids, st, steps(3000));
    expect(summary.synchrony).toBeGreaterThan(0.999);
    expect(summary.synchrony).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('lies between when half of each cell’s spikes are shared population events', () => {
    const rng = Rng.fromSeed(10);
    const neurons = 400;
    const list = new SpikeList();
    independentPoisson(list, rng, neurons, 0, steps(5000), 10);
    for (let t = 0; t < 5000; t += -100 * Math.log(rng.uniformOpenZero())) {
      for (let i = 0; i < neurons; i++) list.add(i, steps(t));
    }
    const { ids, steps: st } = list.build(steps(5000));
    const chi = analyseRun(net(neurons), ids, st, steps(5000)).summary.synchrony;
    // shared and private trains equally strong: χ² ≈ 1/2 (+ 1/(2N))
    expect(chi).toBeGreaterThan(0.65);
    expect(chi).toBeLessThan(0.77);
  });

  it('matches a direct computation over the binned, filtered trains', () => {
    // the geometric-series bookkeeping against brute force on a small irregular network
    const neurons = 20;
    const binSteps = 10;
    const tauMs = 10;
    const list = new SpikeList();
    independentPoisson(list, Rng.fromSeed(12), neurons, 0, steps(800), 30);
    for (let t = 100; t < 800; t += 150) for (let i = 0; i < neurons; i += 2) list.add(i, steps(t));
    const { ids, steps: st } = list.build(steps(800));
    const bins = steps(800) / binSteps;
    const sync = new Synchrony(neurons, binSteps, DT_MS, tauMs);
    let k = 0;
    for (let b = 0; b < bins; b++) {
      for (; k < st.length && st[k] < (b + 1) * binSteps; k++) sync.add(ids[k], b, st[k] - b * binSteps);
      sync.completeBin();
    }
    // brute force: f_i(end of bin b) = Σ over spikes up to then of exp(−Δt/τ)
    const f = Array.from({ length: neurons }, () => new Float64Array(bins));
    for (let s = 0; s < st.length; s++) {
      for (let b = Math.floor(st[s] / binSteps); b < bins; b++) {
        f[ids[s]][b] += Math.exp(-(((b + 1) * binSteps - st[s]) * DT_MS) / tauMs);
      }
    }
    const variance = (x: ArrayLike<number>) => {
      let m = 0, m2 = 0;
      for (let j = 0; j < x.length; j++) { m += x[j]; m2 += x[j] * x[j]; }
      m /= x.length;
      return m2 / x.length - m * m;
    };
    const pop = new Float64Array(bins);
    for (let b = 0; b < bins; b++) for (let i = 0; i < neurons; i++) pop[b] += f[i][b] / neurons;
    const meanVar = f.reduce((s, fi) => s + variance(fi), 0) / neurons;
    expect(sync.chi(bins - 1)).toBeCloseTo(Math.sqrt(variance(pop) / meanVar), 9);
  });

  it('is NaN before two bins and for a silent network; resetStatistics() restarts it', () => {
    const a = new OnlineAnalyser(net(50));
    expect(a.summary().synchrony).toBeNaN();
    a.addChunk(new Uint32Array(0), new Uint32Array(0), steps(100));
    expect(a.summary().synchrony).toBeNaN();
    // fully synchronous for 1 s, then independent: after a reset only the independent part counts
    const rng = Rng.fromSeed(13);
    const list = new SpikeList();
    for (let t = 100; t < 1100; t += 50) for (let i = 0; i < 50; i++) list.add(i, steps(t));
    independentPoisson(list, rng, 50, steps(1100), steps(6100), 20);
    const { ids, steps: st } = list.build(steps(6100));
    const split = st.findIndex((s) => s >= steps(1100));
    a.addChunk(ids.subarray(0, split), st.subarray(0, split), steps(1100));
    expect(a.summary().synchrony).toBeGreaterThan(0.99);
    a.resetStatistics();
    a.addChunk(ids.subarray(split), st.subarray(split), steps(6100));
    const chi = a.summary().synchrony;
    expect(chi).toBeGreaterThan(0.85 / Math.sqrt(50));
    expect(chi).toBeLessThan(1.2 / Math.sqrt(50));
  });
});
