/**
 * Presets as data: complete network configurations. Callers copy and override; never mutate.
 */
import { NMDA_ALPHA_PER_MS, TAU_NMDA_DECAY_MS, TAU_NMDA_RISE_MS } from './constants';
import type { NetworkConfig, PopulationParams } from './params';

/**
 * COBA, Benchmark 1 of Brette et al. 2007 (J Comput Neurosci 23:349), as in Brian2's COBA example:
 * 4000 cells (3200 E, 800 I), each pair connected with p = 0.02 (in-degree 80 kept at other
 * sizes), synaptic delay of one step, dt 0.1 ms, no external input — the initial kick starts
 * self-sustained irregular activity. NMDA and adaptation are off: it is the common yardstick.
 */
const COBA_CELL: PopulationParams = {
  capPF: 200,
  gLeakNS: 10,
  eLeakMV: -60,
  vThreshMV: -50,
  vResetMV: -60,
  tauRefMs: 5,
  vThreshJitterMV: 0,
  adaptIncrementPA: 0,
  tauAdaptMs: 100,
  gAmpaNS: 6,
  gNmdaNS: 0,
  gGabaNS: 67,
  gDriveNS: 0,
};

export const COBA: NetworkConfig = {
  preset: 'coba',
  neurons: 4000,
  excitatoryFraction: 0.8,
  dtMs: 0.1,
  seed: 1,
  driveInputs: 0,
  topology: { kind: 'random', rule: 'pairwise', inDegree: 80, delayMs: 0.1, allowAutapses: false },
  exc: COBA_CELL,
  inh: COBA_CELL,
  synapses: {
    eAmpaMV: 0,
    eGabaMV: -80,
    eNmdaMV: 0,
    tauAmpaMs: 5,
    tauGabaMs: 10,
    tauNmdaRiseMs: TAU_NMDA_RISE_MS,
    tauNmdaDecayMs: TAU_NMDA_DECAY_MS,
    nmdaAlphaPerMs: NMDA_ALPHA_PER_MS,
  },
  // Brian's COBA script: v ~ N(−65, 5) mV, ge ~ g_L·N(4, 1.5), gi ~ g_L·N(20, 12) (g_L = 10 nS).
  init: { vMeanMV: -65, vSdMV: 5, gAmpaMeanNS: 40, gAmpaSdNS: 15, gGabaMeanNS: 200, gGabaSdNS: 120, adaptMeanPA: 0 },
  // the fixed-ion model: COBA is the benchmark of Brette et al. 2007
  live: { mgOutMM: 1.2, driveRateHz: 0, gAmpaScale: 1, gNmdaScale: 1, gGabaScale: 1, adaptScale: 1, kBathMM: 3.5, caOutMM: 2, ionsOn: 0 },
};

/**
 * The default Mg Gate network: a COBA-type cortical sheet of 10,000 cells on a 100 × 100 torus
 * (docs/MODEL.md, "The sheet"), with event-driven NMDA, spike-triggered adaptation on excitatory
 * cells (the slow negative feedback that ends a burst) and Poisson drive.
 *
 * Tuned (seed 1 and three others, 10,000 cells) so that, with the analysis module's definitions:
 *   ≥ 1.0 mM  asynchronous irregular firing, E rate ≈ 4–6 Hz, χ ≈ 0.02–0.03, no population bursts;
 *   0.4–0.8   higher rate, rising synchrony; brief bursts appear around 0.4 mM;
 *   ≤ 0.2 mM  recurrent seizure-like population bursts (≈ 1 per second) that start at one place and
 *             spread across the sheet as a wave, longer as [Mg]o falls.
 * Each value, its source, and where it departs from the literature (and why):
 */
export const SHEET: NetworkConfig = {
  preset: 'sheet',
  neurons: 10_000,
  // 80 % excitatory, as in cortex and in Brunel & Wang 2001 / Brette et al. 2007
  excitatoryFraction: 0.8,
  dtMs: 0.1,
  seed: 1,
  // 1,000 independent Poisson inputs per cell at 1 Hz through AMPA (docs/MODEL.md, "Drive";
  // Brunel & Wang use 800 × 3 Hz with stronger synapses): background cortical bombardment
  driveInputs: 1000,
  topology: {
    kind: 'sheet',
    // 64 E + 16 I inputs per cell, Gaussian distance profile σ = 8 sites (docs/MODEL.md, "The sheet"). Real
    // cortical cells receive thousands of synapses; the small in-degree with strong synapses is
    // the COBA convention that keeps 10,000 cells fast enough to run live.
    inDegreeE: 64,
    inDegreeI: 16,
    sigmaSites: 8,
    // 50 µm between sites: the sheet is 5 × 5 mm of cortex, σ = 400 µm (local horizontal axons)
    siteSpacingUm: 50,
    // unmyelinated horizontal axons conduct at ≈ 0.1–0.5 m/s (Bringuier et al. 1999, 0.1–0.6 m/s)
    conductionVelocityMPerS: 0.3,
    // synaptic delay 0.5 ms plus conduction
    baseDelayMs: 0.5,
  },
  exc: {
    // membrane, threshold, reset, refractoriness: COBA (Brette et al. 2007, Vogels & Abbott 2005):
    // C 200 pF, g_L 10 nS (τ_m 20 ms), E_L −60 mV, V_th −50 mV, V_reset −60 mV, τ_ref 5 ms
    ...COBA_CELL,
    // ±1 mV threshold heterogeneity (departure: COBA cells are identical; real cells are not, and
    // identical cells lock into artificial synchrony under strong common input)
    vThreshJitterMV: 1,
    // spike-triggered K⁺-like adaptation: b 50 pA, τ 500 ms (docs/MODEL.md, "Neurons": 45–50 pA, 500 ms; a slow
    // K⁺ current as in Golomb et al. 2006, whose τ is ≈ 75 ms — ours is slower so that bursts
    // recur every ~1 s, not every 100 ms). This is what ends a burst.
    adaptIncrementPA: 50,
    tauAdaptMs: 500,
    // recurrent AMPA 1 nS, GABA_A 10 nS per spike: the COBA-type weights of docs/MODEL.md, "The sheet" (COBA
    // itself uses 6 and 67 nS with in-degree 80 and no drive)
    gAmpaNS: 1,
    // NMDA onto E cells 0.8 nS per unit gating (docs/MODEL.md, "The sheet")
    gNmdaNS: 0.8,
    gGabaNS: 10,
    gDriveNS: 1,
  },
  inh: {
    ...COBA_CELL,
    vThreshJitterMV: 1,
    // fast-spiking interneurons do not adapt
    adaptIncrementPA: 0,
    tauAdaptMs: 100,
    gAmpaNS: 1,
    // NMDA onto I cells 0.05 nS — a departure from the prototype's 0.2–0.3 nS (docs/MODEL.md, "The sheet", notes
    // that equal NMDA onto I cells suppressed the bursts). With 0.2–0.3 nS, unblocked NMDA drive to
    // interneurons cut bursts short at 0 mM, and the time spent in bursts no longer rose between
    // 0.2 and 0 mM; interneuron NMDA/AMPA ratios are indeed lower than pyramidal ones in cortex
    // (e.g. Wang & Gao 2009, fast-spiking cells in prefrontal cortex).
    gNmdaNS: 0.05,
    gGabaNS: 10,
    gDriveNS: 1,
  },
  synapses: {
    // reversal potentials and time constants: COBA (E_e 0, E_i −80 mV, τ_e 5, τ_i 10 ms);
    // NMDA kinetics: Brunel & Wang 2001 (rise 2 ms, decay 100 ms, α 0.5 per ms)
    eAmpaMV: 0,
    eGabaMV: -80,
    eNmdaMV: 0,
    tauAmpaMs: 5,
    tauGabaMs: 10,
    tauNmdaRiseMs: TAU_NMDA_RISE_MS,
    tauNmdaDecayMs: TAU_NMDA_DECAY_MS,
    nmdaAlphaPerMs: NMDA_ALPHA_PER_MS,
  },
  // start near the asynchronous steady state at 1.2 mM, so the page opens without a start-up burst:
  // drive alone gives g_AMPA ≈ 1000 × 1 Hz × 1 nS × 5 ms = 5 nS (+ ≈ 1.6 nS recurrent), g_GABA ≈
  // 16 × 11 Hz × 10 nS × 10 ms ≈ 17 nS, and adaptation ≈ b · rate · τ = 50 pA × 5 Hz × 0.5 s ≈ 125 pA.
  // (Starting from zero adaptation, the sheet fired at ≈ 20 Hz for 300 ms before settling.)
  init: { vMeanMV: -58, vSdMV: 4, gAmpaMeanNS: 6.6, gAmpaSdNS: 2, gGabaMeanNS: 17, gGabaSdNS: 6, adaptMeanPA: 125 },
  // normal ACSF ([Mg]o 1.2, [K]o 3.5, [Ca]o 2 mM); drive at the prototype's 1 Hz per input; the ion
  // model on (docs/MODEL.md §Ion dynamics): at zero Mg the bursts grow into seizure-like events
  live: { mgOutMM: 1.2, driveRateHz: 1, gAmpaScale: 1, gNmdaScale: 1, gGabaScale: 1, adaptScale: 1, kBathMM: 3.5, caOutMM: 2, ionsOn: 1 },
};

export const PRESETS = { coba: COBA, sheet: SHEET } as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** A deep copy of a preset, so callers may override fields freely. */
export function presetConfig(name: PresetName): NetworkConfig {
  return structuredClone(PRESETS[name]);
}

/** A preset resized to n neurons (in-degree is kept; the sheet grows in area). */
export function withNeurons(config: NetworkConfig, neurons: number): NetworkConfig {
  return { ...structuredClone(config), neurons };
}
