/**
 * The ion model's pure formulas (docs/MODEL.md §Ion dynamics): Nernst, the Na⁺/K⁺ pump, glial
 * uptake, divalent screening and the [Ca]o dependence of the Ca²⁺-activated K⁺ (AHP) increment.
 * Each is a plain function of numbers, so the tests can hold them to published values and the patch
 * field (ionField.ts) and any kernel can share one statement of each formula.
 */
import {
  AHP_CA_HALF_MM,
  CA_OUT_NORMAL_MM,
  K_BATH_NORMAL_MM,
  K_IN_REST_MM,
  MG_OUT_NORMAL_MM,
  PUMP_NA_HALF_MM,
  PUMP_NA_SLOPE_MM,
  PUMP_K_HALF_MM,
  PUMP_K_SLOPE_MM,
  RT_OVER_F_MV,
  SCREENING_MG_PER_CA,
  SCREENING_MV_PER_DECADE,
} from './constants';

/** Nernst potential of a monovalent cation at 37 °C, mV: (RT/F) ln([X]o / [X]i). */
export function nernstMV(outMM: number, inMM: number): number {
  return RT_OVER_F_MV * Math.log(outMM / inMM);
}

/**
 * Intracellular [K⁺] from [Na]i by electroneutrality, mM: every Na⁺ that enters in excess of rest
 * stands for a K⁺ that left (Cressman et al. 2009, J Comput Neurosci 26:159: [K]i = 140 + (18 − [Na]i)
 * in their units; here around this model's resting [Na]i).
 */
export function kInFromNaMM(naInMM: number, naRestMM: number): number {
  return K_IN_REST_MM + naRestMM - naInMM;
}

/**
 * Na⁺/K⁺ pump cycle rate, mM of intracellular volume per ms, saturating in both ions (Epileptor-2,
 * Chizhov et al. 2018; the same Na⁺ term as Cressman et al. 2009):
 *   P = P_max / ((1 + e^((3.5 − [K]o)/1)) · (1 + e^((25 − [Na]i)/3))).
 * Each cycle removes 3 Na⁺ from the cell and takes 2 K⁺ from the extracellular space.
 */
export function pumpRateMMPerMs(kOutMM: number, naInMM: number, pumpMaxMMPerMs: number): number {
  return (
    pumpMaxMMPerMs /
    ((1 + Math.exp((PUMP_K_HALF_MM - kOutMM) / PUMP_K_SLOPE_MM)) * (1 + Math.exp((PUMP_NA_HALF_MM - naInMM) / PUMP_NA_SLOPE_MM)))
  );
}

/** The pump's fraction of its maximum, 0..1 (the electrogenic current scales with it). */
export function pumpActivation(kOutMM: number, naInMM: number): number {
  return pumpRateMMPerMs(kOutMM, naInMM, 1);
}

/**
 * Glial K⁺ uptake, mM/ms: a steep sigmoid of [K]o, U_max / (1 + e^((K_half − [K]o)/slope)) — the form
 * of Cressman et al. 2009 (G/(1 + e^((18 − [K]o)/2.5))), steepened as Krishnan & Bazhenov 2011's
 * buffer (slope 1.15 mM) so that glia hold [K]o below a ceiling without clamping interictal [K]o.
 */
export function glialUptakeMMPerMs(kOutMM: number, uptakeMaxMMPerMs: number, halfMM: number, slopeMM: number): number {
  return uptakeMaxMMPerMs / (1 + Math.exp((halfMM - kOutMM) / slopeMM));
}

/**
 * Divalent surface-charge screening as a shift of the spike threshold, mV (Hille, Woodhull & Shapiro
 * 1975): 22 mV per decade of the screening concentration [Ca]o + [Mg]o/1.4, zero at the normal bath
 * (Ca 2, Mg 1.2 mM). Ca 2 → 1 mM at Mg 0 lowers it by 22·log10(2) = 6.6 mV; Mg 1.2 → 0 at Ca 2 by
 * 3.4 mV. Positive: a higher threshold (less excitable).
 */
export function screeningShiftMV(caOutMM: number, mgOutMM: number): number {
  const reference = CA_OUT_NORMAL_MM + SCREENING_MG_PER_CA * MG_OUT_NORMAL_MM;
  return SCREENING_MV_PER_DECADE * Math.log10((caOutMM + SCREENING_MG_PER_CA * mgOutMM) / reference);
}

/**
 * The Ca²⁺-activated K⁺ (AHP) increment per spike relative to the normal bath, saturating in [Ca]o
 * with the apparent half-saturation AHP_CA_HALF_MM (constants.ts: why 2 mM):
 *   scale = ([Ca]o / ([Ca]o + K)) / (2 / (2 + K)) — 0.67 at 1 mM, 1.2 at 3 mM, 1.33 at 4 mM.
 */
export function caAhpScale(caOutMM: number): number {
  return (caOutMM / (caOutMM + AHP_CA_HALF_MM)) / (CA_OUT_NORMAL_MM / (CA_OUT_NORMAL_MM + AHP_CA_HALF_MM));
}

/**
 * The adaptation increment as a K⁺ conductance, nS per spike: an increment of `adaptIncrementPA` at
 * `referenceMV` with E_K of the normal bath, scaled by the Ca²⁺ entering per spike (caAhpScale).
 * 50 pA at −55 mV with E_K −98.6 mV: 1.15 nS at Ca 2 mM.
 */
export function adaptIncrementNS(adaptIncrementPA: number, caOutMM: number, referenceMV: number): number {
  return (adaptIncrementPA * caAhpScale(caOutMM)) / (referenceMV - nernstMV(K_BATH_NORMAL_MM, K_IN_REST_MM));
}
