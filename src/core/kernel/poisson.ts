/**
 * Tables for the Poisson drive, shared by both kernels.
 *
 * Every neuron receives K ~ Poisson(λ) input events per step, independently, λ = inputs · rate · dt.
 * Two exact ways to draw them, chosen by λ (both kernels make the same choice):
 *  - per neuron (λ > DRIVE_POPULATION_MAX_MEAN): one uniform per neuron, inverted through the
 *    cumulative table of Poisson(λ);
 *  - by population (small λ, the sheet's 0.1): the total T ~ Poisson(N λ) with one 53-bit uniform
 *    inverted through its cumulative table (a guide table finds the start), then each of the T
 *    events goes to a neuron drawn uniformly (Lemire's multiply-shift with rejection: exactly
 *    uniform). A Poisson total split uniformly is a multinomial split, and that gives independent
 *    Poisson(λ) counts per neuron — the same law, with N λ draws per step instead of N.
 */

/** Above this mean per neuron-step the per-neuron inversion needs fewer draws than events. */
export const DRIVE_POPULATION_MAX_MEAN = 1;

/** Per-neuron table length: counts above this have probability < 1e-16 for λ ≤ 50. */
export const MAX_POISSON_TABLE = 256;

/** Terms of a Poisson pmf below this fraction of the mode's are left out (far below 2^-53). */
const TAIL_RATIO = 1e-22;

/** Cumulative Poisson(λ) from k = 0 into cdf (last entry forced to 1 so inversion ends). */
export function fillNeuronCdf(cdf: Float64Array, lambda: number): void {
  let p = Math.exp(-lambda);
  let sum = p;
  for (let k = 0; k < cdf.length; k++) {
    cdf[k] = sum;
    p *= lambda / (k + 1);
    sum += p;
  }
  cdf[cdf.length - 1] = 1;
}

/** Length of the population table (and its guide) that a mean of at most maxMean needs. */
export function totalTableCapacity(maxMean: number): number {
  return Math.ceil(24 * Math.sqrt(maxMean) + 64);
}

/** Smallest power of two ≥ n. */
export function guideSizeFor(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

/**
 * Cumulative Poisson(mu) over [kLo, kLo + length) into cdf, by the ratio recurrence outward from
 * the mode (no lgamma needed), normalised; and the guide table: guide[g] is the first j with
 * cdf[j] > g / guideSize, so inversion may start there. Returns kLo and the guide size.
 */
export function fillTotalCdf(cdf: Float64Array, guide: Int32Array, mu: number): { kLo: number; guideSize: number } {
  const mode = Math.floor(mu);
  // walk down and up from the mode until the terms are negligible
  let kLo = mode;
  for (let w = 1; kLo > 0; kLo--) {
    w *= kLo / mu; // P(k−1) / P(k) = k / mu
    if (w < TAIL_RATIO) break;
  }
  let kHi = mode;
  for (let w = 1; ; kHi++) {
    w *= mu / (kHi + 1); // P(k+1) / P(k) = mu / (k+1)
    if (w < TAIL_RATIO) break;
  }
  const length = kHi - kLo + 1;
  if (length > cdf.length) throw new Error(`Poisson table for mean ${mu} needs ${length} entries, has ${cdf.length}`);
  // unnormalised weights relative to the mode, then their running sum
  let w = 1;
  for (let k = mode; k >= kLo; k--) {
    cdf[k - kLo] = w;
    w *= k / mu;
  }
  w = 1;
  for (let k = mode + 1; k <= kHi; k++) {
    w *= mu / k;
    cdf[k - kLo] = w;
  }
  let sum = 0;
  for (let j = 0; j < length; j++) {
    sum += cdf[j];
    cdf[j] = sum;
  }
  for (let j = 0; j < length; j++) cdf[j] /= sum;
  cdf[length - 1] = 1;
  const guideSize = Math.min(guideSizeFor(length), guide.length);
  let j = 0;
  for (let g = 0; g < guideSize; g++) {
    while (cdf[j] <= g / guideSize) j++;
    guide[g] = j;
  }
  return { kLo, guideSize };
}
