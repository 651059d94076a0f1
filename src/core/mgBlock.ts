/**
 * The voltage-dependent Mg²⁺ block of the NMDA receptor (Jahr & Stevens 1990), exactly and as a
 * lookup table for the hot loop.
 *
 *   B(V, [Mg]o) = 1 / (1 + [Mg]o / 3.57 mM · exp(−0.062 · V / mV))
 *
 * The block relaxes within 30–45 µs at −60 mV (Vargas-Caballero & Robinson 2004), far below any
 * network time step we allow (≥ 0.01 ms … in practice 0.05–0.2 ms), so the instantaneous B(V) is
 * the right network model (SCIENCE.md §1).
 */
import { E_NMDA_MV, MG_BLOCK_HALF_MM, MG_BLOCK_SLOPE_PER_MV } from './constants';

/** Fraction of NMDA channels not blocked by Mg²⁺ at membrane potential vMV. */
export function mgBlock(vMV: number, mgOutMM: number): number {
  return 1 / (1 + (mgOutMM / MG_BLOCK_HALF_MM) * Math.exp(-MG_BLOCK_SLOPE_PER_MV * vMV));
}

/** Voltage at which half the channels are blocked: ln([Mg]o/3.57)/0.062 (−∞ at 0 mM). */
export function halfBlockVoltageMV(mgOutMM: number): number {
  return Math.log(mgOutMM / MG_BLOCK_HALF_MM) / MG_BLOCK_SLOPE_PER_MV;
}

/** Steady-state NMDA current (pA, inward negative) of a fully open conductance gNS at vMV. */
export function nmdaCurrentPA(gNS: number, vMV: number, mgOutMM: number, eNmdaMV = E_NMDA_MV): number {
  return gNS * mgBlock(vMV, mgOutMM) * (vMV - eNmdaMV);
}

export interface IvPoint {
  vMV: number;
  iPA: number;
}

/** Steady-state NMDA I–V of a fully open conductance, from vStartMV to vEndMV inclusive. */
export function nmdaIvCurve(
  mgOutMM: number,
  gNS = 1,
  vStartMV = -100,
  vEndMV = 40,
  vStepMV = 10,
): IvPoint[] {
  const points: IvPoint[] = [];
  const count = Math.round((vEndMV - vStartMV) / vStepMV);
  for (let k = 0; k <= count; k++) {
    const vMV = vStartMV + k * vStepMV;
    points.push({ vMV, iPA: nmdaCurrentPA(gNS, vMV, mgOutMM) });
  }
  return points;
}

/** Voltage range and resolution of the lookup table; V outside it is clamped to the ends. */
export const MG_TABLE_MIN_MV = -140;
export const MG_TABLE_MAX_MV = 60;
/** 0.01 mV steps: ≈1.3 ns per lookup against ≈11 ns for Math.exp (shared/PERFORMANCE.md). */
export const MG_TABLE_STEP_MV = 0.01;

/**
 * B(V) sampled every 0.01 mV with linear interpolation between samples. Rebuilt (20,001 exps,
 * well under a millisecond) whenever [Mg]o changes; read once per neuron per step.
 * Interpolation error is below 1e-7 (|B''| ≤ 0.062²/4 per mV²).
 */
export class MgBlockTable {
  readonly values: Float64Array;
  readonly invStepPerMV = 1 / MG_TABLE_STEP_MV;
  private mgOutMMValue = Number.NaN;

  constructor(mgOutMM: number) {
    const size = Math.round((MG_TABLE_MAX_MV - MG_TABLE_MIN_MV) / MG_TABLE_STEP_MV) + 2;
    this.values = new Float64Array(size);
    this.setMg(mgOutMM);
  }

  get mgOutMM(): number {
    return this.mgOutMMValue;
  }

  setMg(mgOutMM: number): void {
    if (mgOutMM === this.mgOutMMValue) return;
    this.mgOutMMValue = mgOutMM;
    const values = this.values;
    for (let k = 0; k < values.length; k++) {
      values[k] = mgBlock(MG_TABLE_MIN_MV + k * MG_TABLE_STEP_MV, mgOutMM);
    }
  }

  /** B(vMV) by table; the same arithmetic the step kernel inlines. */
  lookup(vMV: number): number {
    let x = (vMV - MG_TABLE_MIN_MV) * this.invStepPerMV;
    if (x < 0) x = 0;
    else if (x > this.values.length - 2) x = this.values.length - 2;
    const k = x | 0;
    const frac = x - k;
    return this.values[k] + frac * (this.values[k + 1] - this.values[k]);
  }
}
