/**
 * The voltage-dependent Mg²⁺ block of the NMDA receptor (Jahr & Stevens 1990). The step kernels
 * read it from a lookup table built from this function (src/core/kernel/blockTable.ts).
 *
 *   B(V, [Mg]o) = 1 / (1 + [Mg]o / 3.57 mM · exp(−0.062 · V / mV))
 *
 * The block relaxes within 30–45 µs at −60 mV (Vargas-Caballero & Robinson 2004), far below any
 * network time step we allow (≥ 0.01 ms … in practice 0.05–0.2 ms), so the instantaneous B(V) is
 * the right network model (docs/MODEL.md, "Mg block").
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
