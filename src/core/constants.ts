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
