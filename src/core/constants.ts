/**
 * Literature constants of the model, each with its source. Internal units throughout the core:
 * ms, mV, nS, pA, pF, Hz, mM — so nS·mV = pA and pF·mV/ms = pA, and hot loops need no factors.
 */

/** Jahr & Stevens 1990 (J Neurosci 10:3178): half-block [Mg]o at 0 mV. */
export const MG_BLOCK_HALF_MM = 3.57;
/** Jahr & Stevens 1990: voltage dependence of the block, per mV. */
export const MG_BLOCK_SLOPE_PER_MV = 0.062;
/** NMDA receptor reversal potential (Brunel & Wang 2001). */
export const E_NMDA_MV = 0;

/** Brunel & Wang 2001 (J Comput Neurosci 11:63): NMDA rise time constant. */
export const TAU_NMDA_RISE_MS = 2;
/** Brunel & Wang 2001: NMDA decay time constant. */
export const TAU_NMDA_DECAY_MS = 100;
/** Brunel & Wang 2001: NMDA saturation rate constant α. */
export const NMDA_ALPHA_PER_MS = 0.5;

/** Vargas-Caballero & Robinson 2004 (J Neurosci 24:6171): Mg block rate, per mM per ms at 0 mV. */
export const MG_BLOCK_RATE_PER_MM_MS = 0.61;
/** Vargas-Caballero & Robinson 2004: voltage scale of the block rate, mV. */
export const MG_BLOCK_RATE_SCALE_MV = 17;
/** Vargas-Caballero & Robinson 2004: Mg unblock rate at 0 mV, per ms. */
export const MG_UNBLOCK_RATE_PER_MS = 5.4;
/** Vargas-Caballero & Robinson 2004: voltage scale of the unblock rate, mV. */
export const MG_UNBLOCK_RATE_SCALE_MV = 47;

/** Landmarks for the [Mg]o control (SCIENCE.md §6; Mg-free slice models ≤ 50–80 µM). */
export const MG_LANDMARKS_MM = {
  zeroMgSlice: 0,
  symptomaticHypomagnesaemia: 0.5,
  hypomagnesaemia: 0.7,
  normalCsf: 0.97,
  normalAcsf: 1.2,
} as const;
