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
  init: { vMeanMV: -65, vSdMV: 5, gAmpaMeanNS: 40, gAmpaSdNS: 15, gGabaMeanNS: 200, gGabaSdNS: 120 },
  live: { mgOutMM: 1.2, driveRateHz: 0, gAmpaScale: 1, gNmdaScale: 1, gGabaScale: 1, adaptScale: 1 },
};

/**
 * The default Mg Gate network: a COBA-type cortical sheet of 10,000 cells on a 100 × 100 torus
 * (SCIENCE.md §5, "Feasibility"), with event-driven NMDA, adaptation on excitatory cells and
 * Poisson drive. Its tuning to the [Mg]o regimes is documented in docs beside the analysis; the
 * values here follow that feasibility prototype.
 */
export const SHEET: NetworkConfig = {
  preset: 'sheet',
  neurons: 10_000,
  excitatoryFraction: 0.8,
  dtMs: 0.1,
  seed: 1,
  driveInputs: 1000,
  topology: {
    kind: 'sheet',
    inDegreeE: 64,
    inDegreeI: 16,
    sigmaSites: 8,
    siteSpacingUm: 50,
    conductionVelocityMPerS: 0.3,
    baseDelayMs: 0.5,
  },
  exc: {
    ...COBA_CELL,
    vThreshJitterMV: 1,
    adaptIncrementPA: 45,
    tauAdaptMs: 500,
    gAmpaNS: 1,
    gNmdaNS: 0.8,
    gGabaNS: 10,
    gDriveNS: 1,
  },
  inh: {
    ...COBA_CELL,
    tauRefMs: 2,
    vThreshJitterMV: 1,
    adaptIncrementPA: 0,
    tauAdaptMs: 100,
    gAmpaNS: 1,
    gNmdaNS: 0.3,
    gGabaNS: 10,
    gDriveNS: 1,
  },
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
  init: { vMeanMV: -60, vSdMV: 4, gAmpaMeanNS: 0, gAmpaSdNS: 0, gGabaMeanNS: 0, gGabaSdNS: 0 },
  live: { mgOutMM: 1.2, driveRateHz: 1, gAmpaScale: 1, gNmdaScale: 1, gGabaScale: 1, adaptScale: 1 },
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
