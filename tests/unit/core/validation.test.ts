import { describe, expect, it } from 'vitest';
import {
  INIT_RANGES, LIVE_RANGES, NETWORK_RANGES, POPULATION_RANGES, RANDOM_TOPOLOGY_RANGES, SHEET_TOPOLOGY_RANGES,
  SYNAPSE_RANGES, ParameterError, validateConfig,
} from '../../../src/core/params';
import type { FieldRange, NetworkConfig } from '../../../src/core/params';
import { presetConfig } from '../../../src/core/presets';
import { Simulation } from '../../../src/core/simulation';

type Mutator = (c: NetworkConfig, value: unknown) => void;

function cases(): [string, Mutator, FieldRange][] {
  const out: [string, Mutator, FieldRange][] = [];
  for (const [key, range] of Object.entries(NETWORK_RANGES)) out.push([key, (c, v) => ((c as any)[key] = v), range]);
  for (const group of ['exc', 'inh'] as const) {
    for (const [key, range] of Object.entries(POPULATION_RANGES)) out.push([`${group}.${key}`, (c, v) => ((c[group] as any)[key] = v), range]);
  }
  for (const [key, range] of Object.entries(SYNAPSE_RANGES)) out.push([`synapses.${key}`, (c, v) => ((c.synapses as any)[key] = v), range]);
  for (const [key, range] of Object.entries(INIT_RANGES)) out.push([`init.${key}`, (c, v) => ((c.init as any)[key] = v), range]);
  for (const [key, range] of Object.entries(LIVE_RANGES)) out.push([`live.${key}`, (c, v) => ((c.live as any)[key] = v), range]);
  return out;
}

/** The ParameterError validateConfig throws for `config` (the test fails if it throws none or another). */
function refusalOf(config: NetworkConfig): ParameterError {
  try {
    validateConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ParameterError);
    return error as ParameterError;
  }
  throw new Error('validateConfig accepted the configuration');
}

describe('configuration validation', () => {
  it('accepts both presets', () => {
    expect(() => validateConfig(presetConfig('coba'))).not.toThrow();
    expect(() => validateConfig(presetConfig('sheet'))).not.toThrow();
  });

  for (const [field, mutate, range] of cases()) {
    it(`${field}: NaN, below and above range are rejected with the field and its range named`, () => {
      for (const bad of [Number.NaN, range.min - 1, range.max + 1, '5' as unknown]) {
        const config = presetConfig('sheet');
        mutate(config, bad);
        const error = refusalOf(config);
        const message = error.message;
        expect(error.field).toBe(field);
        expect(message).toContain(field);
        expect(message).toContain(`from ${range.min} to ${range.max}`);
      }
    });
  }

  for (const [key, range] of Object.entries(SHEET_TOPOLOGY_RANGES)) {
    it(`topology.${key} (sheet) out of range is named`, () => {
      const config = presetConfig('sheet');
      (config.topology as any)[key] = range.max * 2 + 1;
      expect(() => validateConfig(config)).toThrow(new RegExp(`topology\\.${key} = `));
    });
  }

  for (const [key, range] of Object.entries(RANDOM_TOPOLOGY_RANGES)) {
    it(`topology.${key} (random) negative is named`, () => {
      const config = presetConfig('coba');
      (config.topology as any)[key] = range.min - 1;
      expect(() => validateConfig(config)).toThrow(new RegExp(`topology\\.${key} = -1`));
    });
  }

  it('rejects a reset above threshold, an unknown topology and a non-integer neuron count', () => {
    const a = presetConfig('sheet');
    a.exc.vResetMV = -40;
    expect(() => validateConfig(a)).toThrow(/exc\.vResetMV = -40 .*below exc\.vThreshMV/);
    const b = presetConfig('sheet');
    (b.topology as any).kind = 'ring';
    expect(() => validateConfig(b)).toThrow(/topology\.kind = ring/);
    const c = presetConfig('sheet');
    c.neurons = 1000.5;
    expect(() => validateConfig(c)).toThrow(/neurons = 1000\.5 .*an integer from 10 to 200000/);
  });

  it('refuses, before allocating, a network too large for memory', () => {
    const config = presetConfig('coba');
    config.neurons = 200_000;
    config.topology = { ...config.topology, inDegree: 2000 } as NetworkConfig['topology'];
    expect(() => Simulation.create(config)).toThrow(/neurons = 200000 .*fits in 1\.5 GiB/);
  });

  it('rejects misspelt or unknown configuration fields by name', () => {
    const a = presetConfig('sheet') as any;
    a.neuron = 100;
    expect(() => validateConfig(a)).toThrow(/^neuron = 100 is not allowed: expected one of the known fields: preset, neurons/);
    const b = presetConfig('sheet') as any;
    b.exc.gNmdaNs = 1;
    expect(() => validateConfig(b)).toThrow(/exc\.gNmdaNs = 1 .*known fields/);
    const c = presetConfig('coba') as any;
    c.topology.sigmaSites = 3; // a sheet field on a random topology
    expect(() => validateConfig(c)).toThrow(/topology\.sigmaSites = 3/);
    const d = presetConfig('coba') as any;
    d.topology.allowAutapses = 'no';
    expect(() => validateConfig(d)).toThrow(/topology\.allowAutapses = no .*true or false/);
  });

  it('refuses a list where a group belongs, naming the group (a list\'s items are no fields)', () => {
    for (const group of ['exc', 'inh', 'synapses', 'init', 'live', 'topology'] as const) {
      const config = presetConfig('sheet');
      (config as any)[group] = Object.values(config[group]);
      const error = refusalOf(config);
      expect(error.field).toBe(group);
      expect(error.message).toContain('an object');
    }
    expect(() => validateConfig([] as unknown as NetworkConfig)).toThrow(ParameterError);
  });

  it('rejects unknown live parameters by name', () => {
    const sim = Simulation.create({ ...presetConfig('coba'), neurons: 100 });
    expect(() => sim.setLive({ mgOutMm: 1 } as any)).toThrow(/live\.mgOutMm .*one of mgOutMM/);
  });
});
