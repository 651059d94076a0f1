import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../../src/analysis';
import { IsiStats } from '../../../src/analysis/isiStats';
import { Rng } from '../../../src/core/rng';
import { DT_MS, SpikeList, independentPoisson, steps } from './synthetic';

const net = (neurons: number) => ({ neurons, excitatory: neurons, dtMs: DT_MS });

describe('CV of inter-spike intervals', () => {
  it('≈ 1 for Poisson trains', () => {
    const list = new SpikeList();
    independentPoisson(list, Rng.fromSeed(21), 200, 0, steps(20_000), 20);
    const { ids, steps: st } = list.build();
    const { summary } = analyseRun(net(200), ids, st, steps(20_000));
    expect(summary.cvIsi).toBeGreaterThan(0.96);
    expect(summary.cvIsi).toBeLessThan(1.04);
  });

  it('≈ 0 for regular trains, whatever their period and phase', () => {
    const list = new SpikeList();
    const rng = Rng.fromSeed(22);
    for (let i = 0; i < 100; i++) {
      const period = steps(20 + 80 * rng.uniform());
      for (let s = rng.below(period); s < steps(5000); s += period) list.add(i, s);
    }
    const { ids, steps: st } = list.build();
    expect(analyseRun(net(100), ids, st, steps(5000)).summary.cvIsi).toBeLessThan(1e-12);
  });

  it('≈ 0.5 for gamma-4 trains (CV = 1/√k)', () => {
    const list = new SpikeList();
    const rng = Rng.fromSeed(23);
    const meanIsiSteps = steps(50);
    for (let i = 0; i < 200; i++) {
      let t = 0;
      for (;;) {
        let isi = 0;
        for (let k = 0; k < 4; k++) isi -= (meanIsiSteps / 4) * Math.log(rng.uniformOpenZero());
        t += isi;
        if (t >= steps(20_000)) break;
        list.add(i, Math.floor(t));
      }
    }
    const { ids, steps: st } = list.build();
    const cv = analyseRun(net(200), ids, st, steps(20_000)).summary.cvIsi;
    expect(cv).toBeGreaterThan(0.47);
    expect(cv).toBeLessThan(0.53);
  });

  it('counts only cells with ≥ 3 spikes; NaN when there are none', () => {
    const s = new IsiStats(3);
    s.add(0, 0);
    s.add(0, 10);
    expect(s.meanCv()).toBeNaN();
    s.add(0, 30); // ISIs 10, 20: sd (n − 1) = 7.071…, mean 15
    s.add(1, 0);
    s.add(1, 5);
    expect(s.meanCv()).toBeCloseTo(Math.SQRT2 * 5 / 15, 12);
    s.add(2, 0);
    s.add(2, 10);
    s.add(2, 20);
    expect(s.meanCv()).toBeCloseTo((Math.SQRT2 * 5) / 15 / 2, 12);
    s.reset();
    expect(s.meanCv()).toBeNaN();
    s.add(2, 40);
    s.add(2, 60); // the last spike survived the reset: ISIs 20, 20
    expect(s.meanCv()).toBe(0);
  });
});
