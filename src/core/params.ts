/**
 * The network configuration and the live parameters, with the unit and allowed range of every
 * field. Validation names the field, the value and the range, so a bad value in a URL, a CLI flag
 * or a worker call says exactly what is wrong; nothing is built from an unvalidated config.
 */
import { echo } from './echo';
import { CA_OUT_RANGE_MM, K_BATH_RANGE_MM } from './ions/constants';

/** Parameters of one population (excitatory or inhibitory) of conductance-based LIF neurons. */
export interface PopulationParams {
  capPF: number;
  gLeakNS: number;
  eLeakMV: number;
  vThreshMV: number;
  vResetMV: number;
  tauRefMs: number;
  /** Standard deviation of a per-neuron threshold offset (heterogeneity); 0 = identical cells. */
  vThreshJitterMV: number;
  /** Spike-triggered adaptation current: jump per spike (pA) and decay time constant. 0 = none. */
  adaptIncrementPA: number;
  tauAdaptMs: number;
  /** Conductance added to a cell of this population by one presynaptic spike or drive event. */
  gAmpaNS: number;
  /** NMDA conductance per unit of presynaptic gating s (fully open synapse), before Mg block. */
  gNmdaNS: number;
  gGabaNS: number;
  gDriveNS: number;
}

export interface SynapseParams {
  eAmpaMV: number;
  eGabaMV: number;
  eNmdaMV: number;
  tauAmpaMs: number;
  tauGabaMs: number;
  tauNmdaRiseMs: number;
  tauNmdaDecayMs: number;
  nmdaAlphaPerMs: number;
}

export interface RandomTopology {
  kind: 'random';
  /** 'pairwise': each pair connected with p = inDegree/N (COBA); 'fixed-indegree': exactly inDegree. */
  rule: 'pairwise' | 'fixed-indegree';
  inDegree: number;
  delayMs: number;
  allowAutapses: boolean;
}

export interface SheetTopology {
  kind: 'sheet';
  /** Excitatory and inhibitory inputs per cell, drawn with a Gaussian distance profile. */
  inDegreeE: number;
  inDegreeI: number;
  sigmaSites: number;
  siteSpacingUm: number;
  conductionVelocityMPerS: number;
  baseDelayMs: number;
}

export type Topology = RandomTopology | SheetTopology;

export interface InitialState {
  vMeanMV: number;
  vSdMV: number;
  gAmpaMeanNS: number;
  gAmpaSdNS: number;
  gGabaMeanNS: number;
  gGabaSdNS: number;
  /** Adaptation current at start, in cells that adapt (adaptIncrementPA > 0): near its steady state
   *  it spares the network a start-up burst while adaptation builds. */
  adaptMeanPA: number;
}

/** Parameters that may change between any two steps without a rebuild. */
export interface LiveParams {
  mgOutMM: number;
  /** Rate of each of the drive's independent Poisson inputs. */
  driveRateHz: number;
  gAmpaScale: number;
  gNmdaScale: number;
  gGabaScale: number;
  adaptScale: number;
  /** The bath's [K⁺]o, mM (ACSF 3.5; docs/MODEL.md §Ion dynamics: the patches follow it with τ_K). */
  kBathMM: number;
  /** The bath's [Ca²⁺]o, mM (ACSF 2): divalent screening of the threshold and the AHP's Ca²⁺ entry. */
  caOutMM: number;
  /** 1: the ion model is on ([K⁺]o, [Na⁺]i per patch, E_K, E_GABA, pump, screening); 0: fixed ions. */
  ionsOn: number;
}

export interface NetworkConfig {
  preset: string;
  neurons: number;
  excitatoryFraction: number;
  dtMs: number;
  seed: number;
  /** Independent Poisson inputs per neuron (0 = no external drive). */
  driveInputs: number;
  topology: Topology;
  exc: PopulationParams;
  inh: PopulationParams;
  synapses: SynapseParams;
  init: InitialState;
  live: LiveParams;
}

export interface FieldRange {
  min: number;
  max: number;
  unit: string;
  integer?: boolean;
}

/** Allowed ranges. Wide enough for every preset and experiment, tight enough to stay physical. */
export const POPULATION_RANGES: Record<keyof PopulationParams, FieldRange> = {
  capPF: { min: 10, max: 2000, unit: 'pF' },
  gLeakNS: { min: 1, max: 200, unit: 'nS' },
  eLeakMV: { min: -100, max: -30, unit: 'mV' },
  vThreshMV: { min: -80, max: 0, unit: 'mV' },
  vResetMV: { min: -100, max: -20, unit: 'mV' },
  tauRefMs: { min: 0, max: 50, unit: 'ms' },
  vThreshJitterMV: { min: 0, max: 10, unit: 'mV' },
  adaptIncrementPA: { min: 0, max: 1000, unit: 'pA' },
  tauAdaptMs: { min: 1, max: 10000, unit: 'ms' },
  gAmpaNS: { min: 0, max: 100, unit: 'nS' },
  gNmdaNS: { min: 0, max: 100, unit: 'nS' },
  gGabaNS: { min: 0, max: 200, unit: 'nS' },
  gDriveNS: { min: 0, max: 100, unit: 'nS' },
};

export const SYNAPSE_RANGES: Record<keyof SynapseParams, FieldRange> = {
  eAmpaMV: { min: -20, max: 60, unit: 'mV' },
  eGabaMV: { min: -100, max: -40, unit: 'mV' },
  eNmdaMV: { min: -20, max: 60, unit: 'mV' },
  tauAmpaMs: { min: 0.2, max: 100, unit: 'ms' },
  tauGabaMs: { min: 0.2, max: 200, unit: 'ms' },
  tauNmdaRiseMs: { min: 0.1, max: 50, unit: 'ms' },
  tauNmdaDecayMs: { min: 1, max: 1000, unit: 'ms' },
  nmdaAlphaPerMs: { min: 0.01, max: 10, unit: 'per ms' },
};

export const INIT_RANGES: Record<keyof InitialState, FieldRange> = {
  vMeanMV: { min: -100, max: 0, unit: 'mV' },
  vSdMV: { min: 0, max: 50, unit: 'mV' },
  gAmpaMeanNS: { min: 0, max: 500, unit: 'nS' },
  gAmpaSdNS: { min: 0, max: 500, unit: 'nS' },
  gGabaMeanNS: { min: 0, max: 2000, unit: 'nS' },
  gGabaSdNS: { min: 0, max: 2000, unit: 'nS' },
  adaptMeanPA: { min: 0, max: 2000, unit: 'pA' },
};

export const LIVE_RANGES: Record<keyof LiveParams, FieldRange> = {
  mgOutMM: { min: 0, max: 3, unit: 'mM' },
  driveRateHz: { min: 0, max: 50, unit: 'Hz' },
  gAmpaScale: { min: 0, max: 5, unit: '×' },
  gNmdaScale: { min: 0, max: 5, unit: '×' },
  gGabaScale: { min: 0, max: 5, unit: '×' },
  adaptScale: { min: 0, max: 5, unit: '×' },
  kBathMM: { ...K_BATH_RANGE_MM, unit: 'mM' },
  caOutMM: { ...CA_OUT_RANGE_MM, unit: 'mM' },
  ionsOn: { min: 0, max: 1, unit: '', integer: true },
};

/** The largest network the core builds; the memory estimate below also has to fit. */
export const MAX_NEURONS = 200_000;
export const MAX_NETWORK_BYTES = 1.5 * 1024 ** 3;

export const NETWORK_RANGES = {
  neurons: { min: 10, max: MAX_NEURONS, unit: 'neurons', integer: true },
  excitatoryFraction: { min: 0.05, max: 0.95, unit: '' },
  /** The backward-Euler membrane update is unconditionally stable; 0.5 ms keeps spikes timed. */
  dtMs: { min: 0.01, max: 0.5, unit: 'ms' },
  seed: { min: 0, max: 4294967295, unit: '', integer: true },
  driveInputs: { min: 0, max: 10000, unit: 'inputs', integer: true },
} satisfies Record<string, FieldRange>;

export const RANDOM_TOPOLOGY_RANGES = {
  inDegree: { min: 0, max: 2000, unit: 'synapses', integer: true },
  delayMs: { min: 0, max: 20, unit: 'ms' },
} satisfies Record<string, FieldRange>;

export const SHEET_TOPOLOGY_RANGES = {
  inDegreeE: { min: 0, max: 2000, unit: 'synapses', integer: true },
  inDegreeI: { min: 0, max: 2000, unit: 'synapses', integer: true },
  sigmaSites: { min: 0.5, max: 100, unit: 'sites' },
  siteSpacingUm: { min: 1, max: 1000, unit: 'µm' },
  conductionVelocityMPerS: { min: 0.05, max: 20, unit: 'm/s' },
  baseDelayMs: { min: 0, max: 10, unit: 'ms' },
} satisfies Record<string, FieldRange>;

/** A parameter outside its allowed range. `field` is the dotted path, e.g. `live.mgOutMM`. */
export class ParameterError extends RangeError {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly range: FieldRange | string,
  ) {
    super(describe(field, value, range));
    this.name = 'ParameterError';
  }
}

export function formatRange(range: FieldRange): string {
  const unit = range.unit ? ` ${range.unit}` : '';
  return `${range.integer ? 'an integer ' : ''}from ${range.min} to ${range.max}${unit}`;
}

/** The value as the message quotes it: made safe and cut short (echo.ts), whatever it is. */
function shownValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'string') return echo(String(value));
  try {
    return echo(JSON.stringify(value) ?? String(value));
  } catch {
    return Object.prototype.toString.call(value); // a cycle or a BigInt: JSON cannot say it
  }
}

function describe(field: string, value: unknown, range: FieldRange | string): string {
  const allowed = typeof range === 'string' ? range : formatRange(range);
  return `${echo(field)} = ${shownValue(value)} is not allowed: expected ${allowed}`;
}

/** Throws a ParameterError unless value is a finite number within range. */
export function checkField(field: string, value: unknown, range: FieldRange): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ParameterError(field, value, range);
  if (value < range.min || value > range.max) throw new ParameterError(field, value, range);
  if (range.integer && !Number.isInteger(value)) throw new ParameterError(field, value, range);
  return value;
}

/** Unknown keys are errors too: a misspelt field must not be silently ignored. */
function checkKnownKeys(prefix: string, group: object, known: readonly string[]): void {
  for (const key of Object.keys(group)) {
    if (!known.includes(key)) {
      throw new ParameterError(prefix ? `${prefix}.${key}` : key, (group as Record<string, unknown>)[key], `one of the known fields: ${known.join(', ')}`);
    }
  }
}

const CONFIG_KEYS = ['preset', 'neurons', 'excitatoryFraction', 'dtMs', 'seed', 'driveInputs', 'topology', 'exc', 'inh', 'synapses', 'init', 'live'] as const;

/** A group of fields: an object, and not a list (typeof [] is 'object'; a list's items are no fields). */
function isGroup(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkGroup<T extends object>(prefix: string, group: T, ranges: Record<string, FieldRange>, extraKeys: readonly string[] = []): void {
  if (!isGroup(group)) throw new ParameterError(prefix, group, 'an object');
  checkKnownKeys(prefix, group, [...Object.keys(ranges), ...extraKeys]);
  for (const key of Object.keys(ranges)) {
    checkField(`${prefix}.${key}`, (group as Record<string, unknown>)[key], ranges[key]);
  }
}

/** Validates a partial set of live parameters; unknown keys are errors too. */
export function validateLiveParams(live: Partial<LiveParams>, prefix = 'live'): void {
  if (!isGroup(live)) throw new ParameterError(prefix, live, 'an object');
  for (const [key, value] of Object.entries(live)) {
    const range = (LIVE_RANGES as Record<string, FieldRange>)[key];
    if (!range) throw new ParameterError(`${prefix}.${key}`, value, `one of ${Object.keys(LIVE_RANGES).join(', ')}`);
    checkField(`${prefix}.${key}`, value, range);
  }
}

/** Bytes the built network will need, to refuse one that cannot fit before allocating it. */
export function estimateNetworkBytes(config: Pick<NetworkConfig, 'neurons' | 'dtMs' | 'topology'>): number {
  const n = config.neurons;
  const inDegree =
    config.topology.kind === 'random' ? config.topology.inDegree : config.topology.inDegreeE + config.topology.inDegreeI;
  const synapses = n * inDegree;
  const maxDelayMs =
    config.topology.kind === 'random'
      ? config.topology.delayMs
      : config.topology.baseDelayMs +
        (6 * config.topology.sigmaSites * config.topology.siteSpacingUm) / (1000 * config.topology.conductionVelocityMPerS);
  const ringSlots = 2 ** Math.ceil(Math.log2(Math.max(2, Math.ceil(maxDelayMs / config.dtMs) + 2)));
  const bytesPerNeuron = 8 * 8 + 16; // eight Float64 state arrays plus ids, sites and counters
  const bytesPerSynapse = 4 + 2 + 8; // target, delay, and the builder's transient pair list
  return n * bytesPerNeuron + synapses * bytesPerSynapse + ringSlots * n * 3 * 4;
}

/** Validates a whole configuration; throws a ParameterError naming the first bad field. */
export function validateConfig(config: NetworkConfig): void {
  if (!isGroup(config)) throw new ParameterError('config', config, 'an object');
  checkKnownKeys('', config, CONFIG_KEYS);
  if (typeof config.preset !== 'string' || config.preset.length === 0 || config.preset.length > 64) {
    throw new ParameterError('preset', config.preset, 'a name of 1 to 64 characters');
  }
  for (const [key, range] of Object.entries(NETWORK_RANGES)) {
    checkField(key, (config as unknown as Record<string, unknown>)[key], range);
  }
  checkGroup('exc', config.exc, POPULATION_RANGES);
  checkGroup('inh', config.inh, POPULATION_RANGES);
  checkGroup('synapses', config.synapses, SYNAPSE_RANGES);
  checkGroup('init', config.init, INIT_RANGES);
  checkGroup('live', config.live, LIVE_RANGES);
  validateLiveParams(config.live);
  for (const pop of ['exc', 'inh'] as const) {
    if (config[pop].vResetMV >= config[pop].vThreshMV) {
      throw new ParameterError(`${pop}.vResetMV`, config[pop].vResetMV, `below ${pop}.vThreshMV (${config[pop].vThreshMV} mV)`);
    }
  }
  if (config.synapses.tauNmdaRiseMs >= config.synapses.tauNmdaDecayMs) {
    throw new ParameterError('synapses.tauNmdaRiseMs', config.synapses.tauNmdaRiseMs, 'shorter than synapses.tauNmdaDecayMs');
  }
  const t = config.topology;
  if (!isGroup(t)) throw new ParameterError('topology', t, 'an object');
  if (t.kind === 'random') {
    checkGroup('topology', t, RANDOM_TOPOLOGY_RANGES, ['kind', 'rule', 'allowAutapses']);
    if (typeof t.allowAutapses !== 'boolean') throw new ParameterError('topology.allowAutapses', t.allowAutapses, 'true or false');
    if (t.rule !== 'pairwise' && t.rule !== 'fixed-indegree') {
      throw new ParameterError('topology.rule', t.rule, "'pairwise' or 'fixed-indegree'");
    }
    const maxInDegree = config.neurons - (t.allowAutapses ? 0 : 1);
    if (t.inDegree > maxInDegree) throw new ParameterError('topology.inDegree', t.inDegree, `at most neurons − 1 (${maxInDegree})`);
  } else if (t.kind === 'sheet') {
    checkGroup('topology', t, SHEET_TOPOLOGY_RANGES, ['kind']);
    const nE = excitatoryCount(config);
    if (t.inDegreeE > nE - 1) throw new ParameterError('topology.inDegreeE', t.inDegreeE, `at most the excitatory cells − 1 (${nE - 1})`);
    if (t.inDegreeI > config.neurons - nE) {
      throw new ParameterError('topology.inDegreeI', t.inDegreeI, `at most the inhibitory cells (${config.neurons - nE})`);
    }
  } else {
    throw new ParameterError('topology.kind', (t as { kind: unknown }).kind, "'random' or 'sheet'");
  }
  const bytes = estimateNetworkBytes(config);
  if (bytes > MAX_NETWORK_BYTES) {
    throw new ParameterError(
      'neurons',
      config.neurons,
      `a network that fits in ${(MAX_NETWORK_BYTES / 1024 ** 3).toFixed(1)} GiB (this one needs ≈${(bytes / 1024 ** 3).toFixed(1)} GiB)`,
    );
  }
}

export function excitatoryCount(config: Pick<NetworkConfig, 'neurons' | 'excitatoryFraction'>): number {
  return Math.round(config.neurons * config.excitatoryFraction);
}
