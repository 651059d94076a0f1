import { describe, expect, it } from 'vitest';
import { BlockTable } from '../../../src/core/kernel/blockTable';
import { halfBlockVoltageMV, mgBlock, nmdaCurrentPA, nmdaIvCurve } from '../../../src/core/mgBlock';

// docs/MODEL.md, "Mg block": B(V) computed from Jahr & Stevens 1990 (J Neurosci 10:3178).
const VOLTAGES_MV = [-80, -70, -65, -60, -50, -40, -20, 0];
const REFERENCE: Record<string, number[]> = {
  '0.1': [0.2, 0.318, 0.388, 0.464, 0.617, 0.749, 0.912, 0.973],
  '0.25': [0.091, 0.157, 0.202, 0.257, 0.391, 0.545, 0.805, 0.935],
  '0.5': [0.048, 0.085, 0.113, 0.148, 0.243, 0.374, 0.674, 0.877],
  '1': [0.024, 0.044, 0.06, 0.08, 0.139, 0.23, 0.508, 0.781],
  '2': [0.012, 0.023, 0.031, 0.041, 0.074, 0.13, 0.341, 0.641],
};

describe('Jahr–Stevens Mg block', () => {
  for (const [mg, row] of Object.entries(REFERENCE)) {
    it(`matches the published table at ${mg} mM`, () => {
      VOLTAGES_MV.forEach((v, k) => expect(mgBlock(v, Number(mg))).toBeCloseTo(row[k], 3));
    });
  }

  it('is 1 everywhere at 0 mM', () => {
    for (let v = -120; v <= 60; v += 7) expect(mgBlock(v, 0)).toBe(1);
  });

  it('gives the half-block voltages of docs/MODEL.md, Mg block', () => {
    expect(halfBlockVoltageMV(0.1)).toBeCloseTo(-57.7, 1);
    expect(halfBlockVoltageMV(1)).toBeCloseTo(-20.5, 1);
    expect(mgBlock(halfBlockVoltageMV(0.7), 0.7)).toBeCloseTo(0.5, 12);
  });

  it('multiplies NMDA drive at −60 mV by ≈1.9/3.2/5.8/12.5 going from 1 mM to 0.5/0.25/0.1/0 mM', () => {
    const at1 = mgBlock(-60, 1);
    const ratios = [0.5, 0.25, 0.1, 0].map((mg) => mgBlock(-60, mg) / at1);
    [1.9, 3.2, 5.8, 12.5].forEach((expected, k) => expect(ratios[k]).toBeCloseTo(expected, 0));
    expect(ratios[3]).toBeGreaterThan(12.3);
    expect(ratios[3]).toBeLessThan(12.7);
  });

  it('lookup table agrees with the formula within 1e-6 from −140 to +60 mV and clamps beyond', () => {
    for (const mg of [0, 0.1, 1.2, 3]) {
      const table = new BlockTable(mg);
      for (let v = -140; v <= 60; v += 0.0137) expect(Math.abs(table.lookup(v) - mgBlock(v, mg))).toBeLessThan(1e-6);
      expect(table.lookup(-500)).toBeCloseTo(mgBlock(-140, mg), 12);
      expect(table.lookup(500)).toBeCloseTo(mgBlock(60, mg), 6);
    }
  });

  it('table follows a change of [Mg]o', () => {
    const table = new BlockTable(1.2);
    table.setMg(0);
    expect(table.lookup(-70)).toBe(1);
    table.setMg(2);
    expect(table.lookup(-60)).toBeCloseTo(0.041, 3);
  });
});

describe('steady-state NMDA I–V', () => {
  it('has a negative-slope region between about −80 and −25 mV at 1 mM', () => {
    const points = nmdaIvCurve(1);
    expect(points.map((p) => p.vMV)).toEqual([-100, -90, -80, -70, -60, -50, -40, -30, -20, -10, 0, 10, 20, 30, 40]);
    const inRegion = points.filter((p) => p.vMV >= -80 && p.vMV <= -30);
    for (let k = 1; k < inRegion.length; k++) expect(inRegion[k].iPA).toBeLessThan(inRegion[k - 1].iPA);
    // outward (positive slope) again above −20 mV
    const i = (v: number) => nmdaCurrentPA(1, v, 1);
    expect(i(-10)).toBeGreaterThan(i(-20));
    expect(i(0)).toBe(0);
  });

  it('is linear (ohmic, 1 nS) at 0 mM', () => {
    for (const p of nmdaIvCurve(0)) expect(p.iPA).toBeCloseTo(p.vMV, 12);
  });

  it('loses its negative slope as Mg falls: minimum current moves towards −100 mV', () => {
    const minimumAt = (mg: number) => nmdaIvCurve(mg, 1, -100, 0, 1).reduce((a, b) => (b.iPA < a.iPA ? b : a)).vMV;
    expect(minimumAt(1)).toBeGreaterThan(-35);
    expect(minimumAt(0.1)).toBeLessThan(minimumAt(1));
    expect(minimumAt(0)).toBe(-100);
  });
});
