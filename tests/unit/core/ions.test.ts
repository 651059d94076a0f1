import { describe, expect, it } from 'vitest';
import { CA_OUT_NORMAL_MM, K_BATH_NORMAL_MM, K_IN_REST_MM, MG_OUT_NORMAL_MM } from '../../../src/core/ions/constants';
import { IonField } from '../../../src/core/ions/ionField';
import type { IonFieldSpec } from '../../../src/core/ions/ionField';
import { ionParams } from '../../../src/core/ions/ionParams';
import type { IonParams } from '../../../src/core/ions/ionParams';
import { adaptIncrementNS, caAhpScale, glialUptakeMMPerMs, kInFromNaMM, nernstMV, pumpActivation, pumpRateMMPerMs, screeningShiftMV } from '../../../src/core/ions/physics';
import { ParameterError } from '../../../src/core/params';
import { Rng } from '../../../src/core/rng';

/** A width × height sheet with one neuron per site, the first 80 % excitatory. */
function sheetSpec(width: number, height: number): IonFieldSpec {
  const neurons = width * height;
  const siteOfNeuron = new Uint32Array(neurons);
  const rng = Rng.fromSeed(7, 0);
  for (let i = 0; i < neurons; i++) siteOfNeuron[i] = i;
  for (let i = neurons - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = siteOfNeuron[i];
    siteOfNeuron[i] = siteOfNeuron[j];
    siteOfNeuron[j] = t;
  }
  return {
    neurons, excitatory: Math.round(0.8 * neurons), width, height, siteOfNeuron, siteSpacingUm: 50, dtMs: 0.1,
    gLeakNS: [10, 10], eLeakMV: [-60, -60], eGabaRestMV: -80, rng: Rng.fromSeed(7, 1),
  };
}

function field(overrides: Partial<IonParams> = {}, width = 20, height = 20): IonField {
  return new IonField(sheetSpec(width, height), ionParams({ patchSites: 5, ...overrides }));
}

/** Runs the field for ms with every cell firing at rateHz (spikes spread evenly over the ion steps). */
function drive(f: IonField, ms: number, rateHz: number, ids: Uint32Array): void {
  let debt = 0;
  for (let s = 0; s < ms / f.ionDtMs; s++) {
    debt += (rateHz * f.ionDtMs) / 1000;
    while (debt >= 1) {
      f.addSpikes(ids, ids.length);
      debt -= 1;
    }
    f.step();
  }
}

describe('Nernst E_K at 37 °C, [K]i 140 mM', () => {
  // textbook values (RT/F = 26.7 mV): −113.5 … −65.7 mV at [K]o 2 … 12 mM
  const published: [number, number][] = [[2, -113.5], [3, -102.7], [3.5, -98.6], [5, -89.1], [8.5, -74.9], [10, -70.5], [12, -65.7]];
  it.each(published)('[K]o %f mM → %f mV', (kOut, eK) => {
    expect(Math.abs(nernstMV(kOut, K_IN_REST_MM) - eK)).toBeLessThan(0.06);
  });
  it('rises by RT/F · ln 2 ≈ 18.5 mV per doubling of [K]o', () => {
    expect(nernstMV(7, 140) - nernstMV(3.5, 140)).toBeCloseTo(18.53, 1);
  });
  it('[K]i falls as [Na]i rises (electroneutrality)', () => {
    expect(kInFromNaMM(10, 10)).toBe(140);
    expect(kInFromNaMM(21, 10)).toBe(129);
  });
});

describe('Na⁺/K⁺ pump', () => {
  it('saturates in both ions: half at [K]o 3.5 mM and [Na]i 25 mM, at most its maximum', () => {
    expect(pumpActivation(3.5, 1000)).toBeCloseTo(0.5, 6);
    expect(pumpActivation(1000, 25)).toBeCloseTo(0.5, 6);
    expect(pumpActivation(50, 100)).toBeGreaterThan(0.999);
    expect(pumpRateMMPerMs(50, 100, 0.0004)).toBeLessThanOrEqual(0.0004);
    // Epileptor-2's sigmoids: Na⁺ slope 3 mM, K⁺ slope 1 mM
    expect(pumpActivation(1000, 28) / pumpActivation(1000, 25)).toBeCloseTo(2 / (1 + Math.exp(-1)), 6);
  });
  it('rises steeply with [Na]i: ≈ 70 × from rest (10 mM) to an ictal 21.5 mM', () => {
    expect(pumpActivation(12, 21.5) / pumpActivation(3.5, 10)).toBeGreaterThan(50);
  });
  it('steady state without spikes is the bath for [K]o and just below rest for [Na]i', () => {
    const f = field();
    drive(f, 200_000, 0, new Uint32Array(0));
    for (let p = 0; p < f.patches; p++) {
      // the resting pump takes ≈ 2γ·P·τ_K ≈ 0.5 mM of K⁺ and 3·P·τ_Na ≈ 0.1 mM of Na⁺ from the bath values
      expect(f.kOutMM[p]).toBeGreaterThan(K_BATH_NORMAL_MM - 0.8);
      expect(f.kOutMM[p]).toBeLessThan(K_BATH_NORMAL_MM);
      expect(f.naInMM[p]).toBeGreaterThan(9.5);
      expect(f.naInMM[p]).toBeLessThan(10);
    }
    // …and it is a steady state: another 10 s changes nothing measurable
    const k = f.kOutMM[0];
    drive(f, 10_000, 0, new Uint32Array(0));
    expect(Math.abs(f.kOutMM[0] - k)).toBeLessThan(1e-3);
  });
  it('moves 3 Na⁺ out per 2 K⁺ in: Δ[K]o = (2γ/3)·Δ[Na]i with only the pump acting', () => {
    // [Na]i starts at its rest and [K]o at the bath, so only the pump moves them
    const f = field({ naRestMM: 30, glialMaxMMPerMs: 0, kDiffusionUm2PerMs: 0 });
    f.setBath(12);
    f.reset();
    const k0 = f.kOutMM[0], na0 = f.naInMM[0];
    for (let s = 0; s < 100; s++) f.step();
    const dK = f.kOutMM[0] - k0, dNa = f.naInMM[0] - na0;
    // the relaxation terms act only on the pump's own small change: within 1 %
    expect(Math.abs(dK / dNa / ((2 * f.params.volumeRatio) / 3) - 1)).toBeLessThan(0.01);
  });
});

describe('glial uptake', () => {
  it('is a steep sigmoid: half its maximum at the half point, ≈ 0 at rest', () => {
    expect(glialUptakeMMPerMs(14, 0.005, 14, 1.15)).toBeCloseTo(0.0025, 9);
    expect(glialUptakeMMPerMs(3.5, 0.005, 14, 1.15)).toBeLessThan(1e-6);
    expect(glialUptakeMMPerMs(25, 0.005, 14, 1.15)).toBeGreaterThan(0.00499);
  });
});

describe('divalent screening (Hille, Woodhull & Shapiro 1975)', () => {
  it('is zero in the normal bath and ≈ 22 mV per decade', () => {
    expect(screeningShiftMV(CA_OUT_NORMAL_MM, MG_OUT_NORMAL_MM)).toBeCloseTo(0, 12);
    expect(screeningShiftMV(20, 0) - screeningShiftMV(2, 0)).toBeCloseTo(22, 9);
  });
  it('halving Ca 2 → 1 mM lowers the threshold by ≈ 6–7 mV', () => {
    const drop = screeningShiftMV(2, 0) - screeningShiftMV(1, 0);
    expect(drop).toBeGreaterThan(6);
    expect(drop).toBeLessThan(7);
  });
  it('counts Mg at 1/1.4 of Ca', () => {
    expect(screeningShiftMV(0.5, 1.4)).toBeCloseTo(screeningShiftMV(1.5, 0), 12);
  });
  it('gives +0.5 mV for Ca 3 at zero Mg, −3.4 mV for zero Mg at Ca 2 (why the AHP carries Ca 3)', () => {
    expect(screeningShiftMV(3, 0)).toBeCloseTo(0.47, 2);
    expect(screeningShiftMV(2, 0)).toBeCloseTo(-3.41, 2);
  });
});

describe('Ca²⁺-activated K⁺ increment', () => {
  it('is 1 at Ca 2 mM, two thirds at 1 mM and 1.2 × at 3 mM, rising ever less with [Ca]o', () => {
    expect(caAhpScale(2)).toBe(1);
    expect(caAhpScale(1)).toBeCloseTo(2 / 3, 12);
    expect(caAhpScale(3)).toBeCloseTo(1.2, 12);
    expect(caAhpScale(4) - caAhpScale(3)).toBeLessThan(caAhpScale(3) - caAhpScale(2));
  });
  it('turns the 50-pA increment at −55 mV into ≈ 1.15 nS reversing at E_K', () => {
    expect(adaptIncrementNS(50, 2, -55)).toBeCloseTo(50 / (-55 - nernstMV(3.5, 140)), 12);
    expect(adaptIncrementNS(50, 2, -55)).toBeCloseTo(1.147, 3);
    expect(adaptIncrementNS(50, 3, -55) / adaptIncrementNS(50, 2, -55)).toBeCloseTo(caAhpScale(3), 12);
  });
});

describe('IonField', () => {
  it('cuts the sheet into patches and counts each neuron in its own', () => {
    const f = field({}, 20, 10);
    expect([f.patchCols, f.patchRows, f.patches]).toEqual([4, 2, 8]);
    const spec = sheetSpec(20, 10);
    for (let i = 0; i < spec.neurons; i++) {
      const x = spec.siteOfNeuron[i] % 20, y = Math.floor(spec.siteOfNeuron[i] / 20);
      expect(f.patchOfNeuron[i]).toBe(Math.floor(x / 5) + 4 * Math.floor(y / 5));
    }
  });
  it('diffusion conserves total K⁺ and evens out a hot patch', () => {
    const f = field({ tauKBathMs: 1e6, pumpMaxMMPerMs: 0, glialMaxMMPerMs: 0, kDiffusionUm2PerMs: 100 });
    f.kOutMM[5] = 12;
    const total = () => f.kOutMM.reduce((a, b) => a + b, 0);
    const before = total();
    for (let s = 0; s < 1000; s++) f.step();
    // the bath term (τ 1000 s) is the only leak: ≤ 1 s / 1000 s of the excess
    expect(Math.abs(total() - before)).toBeLessThan(0.01 * (12 - 3.5));
    expect(f.kOutMM[5]).toBeLessThan(12 - 1);
    expect(f.kOutMM[6]).toBeGreaterThan(3.5 + 0.1);
  });
  it('spikes raise [K]o and [Na]i by δ per spike per cell', () => {
    const f = field({ tauKBathMs: 1e6, tauNaMs: 1e6, pumpMaxMMPerMs: 0, glialMaxMMPerMs: 0, kDiffusionUm2PerMs: 0 });
    const spec = sheetSpec(20, 20);
    const all = new Uint32Array(spec.neurons).map((_, i) => i);
    f.addSpikes(all, all.length);
    f.step();
    expect(f.kOutMM[0] - K_BATH_NORMAL_MM).toBeCloseTo(f.params.kReleasePerSpikeMM, 6);
    expect(f.naInMM[0] - f.params.naRestMM).toBeCloseTo(f.params.naLoadPerSpikeMM, 6);
  });
  it('a seizure-like firing episode raises [K]o towards the glial ceiling, the pump then brings it below the bath', () => {
    const f = field();
    const all = new Uint32Array(400).map((_, i) => i);
    drive(f, 15_000, 150, all);
    const kPeak = f.kOutMaxMM();
    expect(kPeak).toBeGreaterThan(8);
    expect(kPeak).toBeLessThan(16);
    expect(f.naInMM[0]).toBeGreaterThan(15);
    drive(f, 20_000, 0, all);
    // postictal undershoot: the Na⁺-loaded pump drives [K]o below the bath
    expect(f.kOutMM[0]).toBeLessThan(K_BATH_NORMAL_MM - 0.3);
  });
  it('writes the per-neuron terms: rest at E_L in the normal bath, E_K and E_GABA of the patch', () => {
    const f = field();
    const n = 400;
    const terms = { leakDrivePA: new Float64Array(n), eKMV: new Float64Array(n), eGabaMV: new Float32Array(n) };
    f.writeNeuronTerms(terms);
    for (let i = 0; i < n; i++) {
      expect(terms.leakDrivePA[i]).toBeCloseTo(10 * -60, 9);
      expect(terms.eKMV[i]).toBeCloseTo(nernstMV(3.5, 140), 9);
      expect(terms.eGabaMV[i]).toBeCloseTo(-80, 4);
    }
    f.kOutMM.fill(8.5);
    f.step();
    f.writeNeuronTerms(terms);
    const eK = f.eKMV[0];
    expect(eK).toBeGreaterThan(-76);
    // E_GABA follows E_K by the coupling factor
    expect(terms.eGabaMV[0]).toBeCloseTo(-80 + f.params.gabaKCoupling * (eK - nernstMV(3.5, 140)), 4);
    // the leak's resting level moves by the K⁺ share of the leak times the change of E_K (pump aside)
    const leakRestMV = terms.leakDrivePA[0] / 10;
    expect(leakRestMV).toBeGreaterThan(-60 + 0.3 * (eK - nernstMV(3.5, 140)) - 3);
    expect(leakRestMV).toBeLessThan(-60 + 0.3 * (eK - nernstMV(3.5, 140)));
  });
  it('stays finite at the extremes: bath K 2–12 mM, largest firing, any heterogeneity', () => {
    for (const kBath of [2, 12]) {
      for (const rate of [0, 500]) {
        const f = field({ patchHeterogeneity: 0.5 });
        f.setBath(kBath);
        f.reset();
        drive(f, 20_000, rate, new Uint32Array(400).map((_, i) => i));
        for (let p = 0; p < f.patches; p++) {
          for (const v of [f.kOutMM[p], f.naInMM[p], f.eKMV[p], f.eGabaMV[p], f.pumpPA[p]]) expect(Number.isFinite(v)).toBe(true);
          expect(f.kOutMM[p]).toBeGreaterThan(0);
        }
      }
    }
    for (const ca of [0.5, 4]) for (const mg of [0, 3]) expect(Number.isFinite(screeningShiftMV(ca, mg) + caAhpScale(ca))).toBe(true);
  });
  it('rejects bad parameters by name', () => {
    expect(() => ionParams({ tauKBathMs: -1 })).toThrow(ParameterError);
    expect(() => ionParams({ tauKBathMs: -1 })).toThrow(/ions\.tauKBathMs/);
    expect(() => ionParams({ nope: 1 } as unknown as Partial<IonParams>)).toThrow(/ions\.nope/);
    expect(() => field().setBath(20)).toThrow(/kBathMM/);
  });
});
