/**
 * The per-dt constants of the membrane update and of the NMDA jump (docs/MODEL.md §Numerics,
 * §Synapses (AMPA, GABA, NMDA)), computed once in float64 and read by both kernels.
 */

/**
 * The mean over one step of a conductance that decays from g with time constant τ, as a factor of g:
 * (τ/dt)(1 − e^(−dt/τ)). The membrane update uses the step-averaged conductances (0.0022 mV rms
 * against RK4 instead of 0.070 with the conductances frozen at the step start: bench/single-cell-accuracy.ts).
 */
export function stepAverageFactor(tauMs: number, dtMs: number): number {
  return (-tauMs / dtMs) * Math.expm1(-dtMs / tauMs);
}

/** γ(a, x) = ∫0^x t^(a−1) e^(−t) dt by its power series x^a e^(−x) Σ xⁿ / (a(a+1)…(a+n)) (x > 0). */
export function lowerGamma(a: number, x: number): number {
  let term = 1 / a;
  let total = term;
  for (let n = 1; term > 1e-17 * total; n++) {
    term *= x / (a + n);
    total += term;
  }
  return Math.exp(a * Math.log(x) - x) * total;
}

/**
 * The exact jump of Brunel & Wang's presynaptic NMDA gating at a spike, Δs = k0 + k1·s: their
 * rise (x) and saturation (s) equations integrated over the spike's rise (NEST iaf_bw_2001's
 * pre_run_hook): k1 = e^(−ατr) − 1, k0 = (ατr)^(τr/τd) · γ(1 − τr/τd, ατr). At α 0.5/ms, τr 2 ms,
 * τd 100 ms: k0 0.648417, k1 −0.632121 (the approximation (1 − s)(1 − e^(−ατr)) had k0 0.632121).
 */
export function exactNmdaJump(alphaPerMs: number, tauRiseMs: number, tauDecayMs: number): { k0: number; k1: number } {
  const ratio = tauRiseMs / tauDecayMs;
  const alphaTau = alphaPerMs * tauRiseMs;
  return { k0: alphaTau ** ratio * lowerGamma(1 - ratio, alphaTau), k1: Math.expm1(-alphaTau) };
}
