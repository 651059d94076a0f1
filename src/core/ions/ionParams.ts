/**
 * The ion model's tunable values, each with its unit, default, source and any departure (docs/MODEL.md
 * §Ion dynamics). Defaults were tuned on the sheet (a prototype of the reference kernel with these
 * terms; results in docs/MODEL.md §Ion dynamics). Time is in ms: rates are per ms, as everywhere in the core.
 */
import type { FieldRange } from '../params';
import { checkField, ParameterError } from '../params';

export interface IonParams {
  /** Side of a square patch of sheet sites sharing one [K]o and [Na]i, sites (10 = 500 µm at 50 µm). */
  patchSites: number;
  /** How often the concentrations are stepped, ms (they change on seconds). */
  ionStepMs: number;
  /** Exchange of a patch's [K]o with the bath, time constant, ms (Epileptor-2 τ_K 100 s; see default). */
  tauKBathMs: number;
  /** Relaxation of [Na]i to rest by processes other than the pump, ms (Epileptor-2 τ_Na 20 s). */
  tauNaMs: number;
  /** Resting [Na]i, mM (Epileptor-2 [Na]i0 ≈ 10 mM). */
  naRestMM: number;
  /** Rise of a patch's [K]o per spike per cell of the patch, mM (Epileptor-2 δ_K; see default). */
  kReleasePerSpikeMM: number;
  /** Rise of a patch's [Na]i per spike per cell, mM (Epileptor-2 δ_Na; see default). */
  naLoadPerSpikeMM: number;
  /** Intracellular / extracellular volume ratio γ: a cycle's 2 K⁺ lower [K]o by 2γ per mM of P (Epileptor-2 γ 10). */
  volumeRatio: number;
  /** Pump maximum cycle rate, mM/ms (Epileptor-2 ρ 0.2 mM/s; Cressman 1.25 mM/s; see default). */
  pumpMaxMMPerMs: number;
  /** Glial uptake maximum, mM/ms, half-activation and slope, mM (ionPhysics glialUptakeMMPerMs). */
  glialMaxMMPerMs: number;
  glialHalfMM: number;
  glialSlopeMM: number;
  /** Effective K⁺ diffusion coefficient in extracellular space, µm²/ms (constants.K_DIFFUSION_UM2_PER_MS). */
  kDiffusionUm2PerMs: number;
  /** Fraction of the leak conductance that is K⁺ and reverses at E_K (the rest keeps rest at E_L at normal [K]o). */
  leakKShare: number;
  /** Electrogenic pump current of a cell at full pump activation, pA (outward). */
  pumpCurrentMaxPA: number;
  /** E_GABA moves by this fraction of E_K's change from normal (KCC2 couples Cl⁻ extrusion to the K⁺ gradient). */
  gabaKCoupling: number;
  /** The potential at which an adaptation current increment in pA is turned into a K⁺ conductance, mV. */
  adaptReferenceMV: number;
  /** Patch-to-patch heterogeneity: standard deviation of the pump and glial capacity, as a fraction. */
  patchHeterogeneity: number;
}

/**
 * Defaults ("set H" of the feasibility prototype, then retuned; docs/MODEL.md §Ion dynamics gives the reasons):
 * τ_K 20 s and δ_K 0.01 mM instead of Epileptor-2's 100 s and 0.02 mM — its population fires less
 * than our sheet's 6 Hz at rest, and with 100 s the normal bath drifted to [K]o 5.5–7 mM;
 * δ_Na 0.005 mM with τ_Na 30 s (δ_Na·τ_Na ≈ 0.15 mM/Hz: at 0.2, interictal bursting alone held [Na]i
 * high enough to clamp [K]o after one event); the pump at 0.4 mM/s, between Epileptor-2 and Cressman.
 * The ion step 5 ms (the prototype's 1 ms cost 26 % of a 10,000-cell step, mostly the per-neuron
 * terms; at 5 ms the cost is within the noise and the concentrations, which move on seconds, the same).
 */
export const DEFAULT_ION_PARAMS: Readonly<IonParams> = Object.freeze({
  patchSites: 10,
  ionStepMs: 5,
  tauKBathMs: 20_000,
  tauNaMs: 30_000,
  naRestMM: 10,
  kReleasePerSpikeMM: 0.01,
  naLoadPerSpikeMM: 0.005,
  volumeRatio: 10,
  pumpMaxMMPerMs: 0.0004,
  glialMaxMMPerMs: 0.005,
  glialHalfMM: 14,
  glialSlopeMM: 1.15,
  kDiffusionUm2PerMs: 1,
  leakKShare: 0.3,
  pumpCurrentMaxPA: 800,
  gabaKCoupling: 0.8,
  adaptReferenceMV: -55,
  patchHeterogeneity: 0,
});

export const ION_PARAM_RANGES: Record<keyof IonParams, FieldRange> = {
  patchSites: { min: 1, max: 1000, unit: 'sites', integer: true },
  ionStepMs: { min: 0.1, max: 10, unit: 'ms' },
  tauKBathMs: { min: 100, max: 1e6, unit: 'ms' },
  tauNaMs: { min: 100, max: 1e6, unit: 'ms' },
  naRestMM: { min: 1, max: 50, unit: 'mM' },
  kReleasePerSpikeMM: { min: 0, max: 1, unit: 'mM' },
  naLoadPerSpikeMM: { min: 0, max: 1, unit: 'mM' },
  volumeRatio: { min: 0.1, max: 100, unit: '' },
  pumpMaxMMPerMs: { min: 0, max: 0.1, unit: 'mM/ms' },
  glialMaxMMPerMs: { min: 0, max: 1, unit: 'mM/ms' },
  glialHalfMM: { min: 2, max: 50, unit: 'mM' },
  glialSlopeMM: { min: 0.1, max: 20, unit: 'mM' },
  kDiffusionUm2PerMs: { min: 0, max: 1e4, unit: 'µm²/ms' },
  leakKShare: { min: 0, max: 1, unit: '' },
  pumpCurrentMaxPA: { min: 0, max: 1e4, unit: 'pA' },
  gabaKCoupling: { min: 0, max: 2, unit: '' },
  adaptReferenceMV: { min: -80, max: -20, unit: 'mV' },
  patchHeterogeneity: { min: 0, max: 0.5, unit: '' },
};

/** The defaults overridden by `overrides`, validated: unknown keys and values out of range throw. */
export function ionParams(overrides: Partial<IonParams> = {}): IonParams {
  const out: IonParams = { ...DEFAULT_ION_PARAMS };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in ION_PARAM_RANGES)) throw new ParameterError(`ions.${key}`, value, `one of the known fields: ${Object.keys(ION_PARAM_RANGES).join(', ')}`);
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of Object.keys(ION_PARAM_RANGES) as (keyof IonParams)[]) checkField(`ions.${key}`, out[key], ION_PARAM_RANGES[key]);
  return out;
}
