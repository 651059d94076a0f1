import { describe, expect, it } from 'vitest';
import { nmdaIvCurve } from '../../../src/core/mgBlock';
import { presetConfig } from '../../../src/core/presets';
import { analyticPeakPA, clampOptionsOf, gatingTrace, runVoltageClamp } from '../../../src/experiments/voltageClamp';

const sheet = presetConfig('sheet');

describe('voltage-clamp I–V protocol', () => {
  it('uses the sheet cell: 64 excitatory inputs, 0.8 nS per unit gating, the network’s NMDA kinetics', () => {
    const o = clampOptionsOf(sheet, 0, 1);
    expect(o.synapses).toBe(64);
    expect(o.gNmdaNS).toBe(0.8);
    expect(o.tauNmdaDecayMs).toBe(100);
    expect(o.holdMV).toEqual([-100, -90, -80, -70, -60, -50, -40, -30, -20, -10, 0, 10, 20, 30, 40]);
    // an inhibitory cell has its own (smaller) NMDA conductance
    expect(clampOptionsOf(sheet, 9999, 1).gNmdaNS).toBe(0.05);
  });

  it('gating: the first spike jumps s by the exact k0 (0.648417 at α 0.5/ms, τ_rise 2 ms, τ_decay 100 ms), later ones saturate', () => {
    const o = { ...clampOptionsOf(sheet, 0, 1), synapses: 1, burstSpikes: 1 };
    const s = gatingTrace(o);
    expect(s[0]).toBeCloseTo(0.648417, 6);
    // decays with τ_decay = 100 ms
    expect(s[1000] / s[0]).toBeCloseTo(Math.exp(-100 / 100), 9);
    const burst = gatingTrace({ ...o, burstSpikes: 5 });
    const peak = Math.max(...burst);
    expect(peak).toBeGreaterThan(0.9);
    expect(peak).toBeLessThan(1);
  });

  it('at 1 mM the peak currents have the analytic shape, with the negative-slope region', () => {
    const result = runVoltageClamp(clampOptionsOf(sheet, 0, 1));
    const iv = nmdaIvCurve(1, 1, -100, 40, 10);
    const scale = result.options.gNmdaNS * result.sPeak;
    result.points.forEach((p, k) => {
      expect(p.vMV).toBe(iv[k].vMV);
      expect(p.iPeakPA / scale).toBeCloseTo(iv[k].iPA, 9);
      expect(p.iPeakPA).toBeCloseTo(analyticPeakPA(result, p.vMV), 9);
    });
    const at = (v: number): number => result.points.find((p) => p.vMV === v)!.iPeakPA;
    // negative slope: depolarising from −80 to −30 mV makes the inward current larger
    for (let v = -80; v < -30; v += 10) expect(at(v + 10)).toBeLessThan(at(v));
    // positive slope beyond −20 mV, zero at E_NMDA = 0 mV, outward above
    expect(at(-10)).toBeGreaterThan(at(-20));
    expect(at(0)).toBeCloseTo(0, 9);
    expect(at(40)).toBeGreaterThan(0);
    // the peak is during or just after the burst (5 spikes at 100 Hz)
    expect(result.peakMs).toBeGreaterThanOrEqual(40);
    expect(result.peakMs).toBeLessThan(60);
  });

  it('at 0 mM the I–V is a straight line through E_NMDA (no negative slope)', () => {
    const result = runVoltageClamp(clampOptionsOf(sheet, 0, 0));
    const slopes = result.points.slice(1).map((p, k) => (p.iPeakPA - result.points[k].iPeakPA) / 10);
    for (const slope of slopes) {
      expect(slope).toBeGreaterThan(0);
      expect(slope).toBeCloseTo(slopes[0], 9);
    }
    expect(slopes[0]).toBeCloseTo(result.options.gNmdaNS * result.sPeak, 9);
  });

  it('COBA has no NMDA synapses: every current is zero', () => {
    const result = runVoltageClamp(clampOptionsOf(presetConfig('coba'), 0, 1));
    for (const p of result.points) expect(p.iPeakPA).toBe(0);
  });
});
