import { describe, expect, it } from 'vitest';
import { kOutSampleOf } from '../../../src/analysis';
import { presetConfig, withNeurons } from '../../../src/core/presets';
import { Simulation } from '../../../src/core/simulation';

describe('the [K⁺]o sample the analysis gets per chunk', () => {
  it('is the highest [K⁺]o of any patch with ions on, and nothing with ions off', () => {
    const config = withNeurons(presetConfig('sheet'), 400);
    config.live = { ...config.live, mgOutMM: 0, kBathMM: 5 };
    const sim = Simulation.create(config);
    sim.advance(2000);
    const sample = kOutSampleOf(sim.network, sim.live);
    expect(sample).toBe(Math.max(...sim.network.ions.kOutMM));
    expect(sample!).toBeGreaterThan(5); // zero Mg fires, and firing releases K⁺
    sim.setLive({ ionsOn: 0 });
    expect(kOutSampleOf(sim.network, sim.live)).toBeUndefined();
  });
});
