/**
 * The parameter file reader (issue 16 items 3 and 4): all or nothing, the URL's ranges for the
 * fields the page also has, and every bad field named by its path in the file.
 */
import { describe, expect, it } from 'vitest';
import { SPEED_RANGE } from '../../../src/client/pacer';
import { formatRange, ParameterError } from '../../../src/core/params';
import { presetConfig } from '../../../src/core/presets';
import type { PresetName } from '../../../src/core/presets';
import { USER_RANGES } from '../../../src/core/ranges';
import { formatParamsFile, pageStateOfFile, paramsFileOf, parseParamsFile, readParamsFile } from '../../../src/ui/paramsFile';
import { formatUrlState, parseUrlState } from '../../../src/ui/urlState';

/** A saved file of a preset as JSON data, for a test to spoil. */
function savedFile(preset: PresetName = 'sheet'): Record<string, any> {
  return JSON.parse(formatParamsFile(paramsFileOf(presetConfig(preset), 1, new Date(0))));
}

function problemsOf(data: unknown): Error[] {
  const reading = readParamsFile(JSON.stringify(data));
  expect(reading.file).toBeNull();
  return reading.problems;
}

const fieldsOf = (problems: Error[]) => problems.map((p) => (p instanceof ParameterError ? p.field : p.message));

describe('readParamsFile', () => {
  it('the issue\'s file (speed 100, n 700, seed 99, exc.gAmpaNS 3) is refused as a whole, naming page.speed', () => {
    const data = savedFile();
    Object.assign(data.config, { neurons: 700, seed: 99 });
    data.config.exc.gAmpaNS = 3;
    data.page.speed = 100;
    const problems = problemsOf(data);
    expect(problems.map((p) => p.message)).toEqual([`page.speed = 100 is not allowed: expected ${formatRange(USER_RANGES.speed)}`]);
    expect(() => parseParamsFile(JSON.stringify(data))).toThrow(/^page\.speed = 100 is not allowed/);
  });

  it.each([
    ['a speed above the URL\'s range', (d: Record<string, any>) => (d.page.speed = 9), 'page.speed'],
    ['a speed below it', (d: Record<string, any>) => (d.page.speed = 0.02), 'page.speed'],
    ['a speed as text', (d: Record<string, any>) => (d.page.speed = '2'), 'page.speed'],
    ['150,000 neurons', (d: Record<string, any>) => (d.config.neurons = 150_000), 'config.neurons'],
    ['50 neurons (the core builds 10, the page offers 100)', (d: Record<string, any>) => (d.config.neurons = 50), 'config.neurons'],
    ['a page that is a string', (d: Record<string, any>) => (d.page = 'x'), 'page'],
    ['a page that is a list', (d: Record<string, any>) => (d.page = [2]), 'page'],
    ['an unknown page field', (d: Record<string, any>) => (d.page.zoom = 2), 'page.zoom'],
    ['an unknown top-level field', (d: Record<string, any>) => (d.colour = 'red'), 'colour'],
    ['another version', (d: Record<string, any>) => (d.version = 3), 'version'],
    ['a date that is not text', (d: Record<string, any>) => (d.savedAt = 5), 'savedAt'],
    ['[Mg]o out of range', (d: Record<string, any>) => (d.config.live.mgOutMM = 3.5), 'config.live.mgOutMM'],
    ['a seed that is not whole', (d: Record<string, any>) => (d.config.seed = 1.5), 'config.seed'],
    ['a missing field', (d: Record<string, any>) => delete d.config.exc.capPF, 'config.exc.capPF'],
    ['a misspelt field', (d: Record<string, any>) => (d.config.exc.gAmpa = 1), 'config.exc.gAmpa'],
    ['a misspelt field with a dot in its name', (d: Record<string, any>) => (d.config.exc['g.Ampa'] = 1), 'config.exc.g.Ampa'],
    ['a group that is not an object', (d: Record<string, any>) => (d.config.synapses = 4), 'config.synapses'],
    ['a configuration that is not an object', (d: Record<string, any>) => (d.config = null), 'config'],
    ['an unknown topology', (d: Record<string, any>) => (d.config.topology.kind = 'ring'), 'config.topology.kind'],
  ])('refuses %s, naming it by its path in the file', (_what, spoil, field) => {
    const data = savedFile();
    spoil(data);
    expect(fieldsOf(problemsOf(data))).toEqual([field]);
  });

  it('names every bad field at once, in file order, each with its value and range', () => {
    const data = savedFile();
    data.config.neurons = 150_000;
    data.config.exc.gAmpaNS = -1;
    data.config.exc.foo = 1;
    data.config.inh.tauRefMs = 'x';
    data.config.synapses.tauAmpaMs = 0;
    data.config.live.mgOutMM = 9;
    data.config.topology.sigmaSites = 1e9;
    data.page.speed = 9;
    const problems = problemsOf(data);
    expect(fieldsOf(problems)).toEqual([
      'config.neurons',
      'config.topology.sigmaSites',
      'config.exc.gAmpaNS',
      'config.exc.foo',
      'config.inh.tauRefMs',
      'config.synapses.tauAmpaMs',
      'config.live.mgOutMM',
      'page.speed',
    ]);
    expect(problems[0].message).toBe(`config.neurons = 150000 is not allowed: expected ${formatRange(USER_RANGES.neurons)}`);
    expect(problems[2].message).toBe('config.exc.gAmpaNS = -1 is not allowed: expected from 0 to 100 nS');
    expect(problems[4].message).toBe('config.inh.tauRefMs = x is not allowed: expected from 0 to 50 ms');
  });

  it('names a rule between two fields once, and what follows it', () => {
    const data = savedFile();
    data.config.exc.vResetMV = -40; // above the threshold: the rule between them
    data.config.exc.vThreshMV = -45;
    data.config.init.vSdMV = -1;
    const problems = problemsOf(data);
    expect(fieldsOf(problems)).toEqual(['config.exc.vResetMV', 'config.init.vSdMV']);
    expect(problems[0].message).toBe('config.exc.vResetMV = -40 is not allowed: expected below exc.vThreshMV (-45 mV)');
  });

  it('quotes a hostile value on one short line', () => {
    const data = savedFile();
    data.config.preset = `x\n${'<script>'.repeat(1000)}`;
    data.page.speed = '\u202e9\u001b[31m';
    const problems = problemsOf(data);
    expect(fieldsOf(problems)).toEqual(['config.preset', 'page.speed']);
    for (const { message } of problems) {
      expect(message).not.toMatch(/[\n\r\u001b\u202e]/);
      expect(message.length).toBeLessThan(160);
    }
  });

  it('does not let a __proto__ field reach any prototype', () => {
    const text = formatParamsFile(paramsFileOf(presetConfig('sheet'), 1)).replace('"exc": {', '"exc": { "__proto__": { "polluted": 1 },');
    expect(fieldsOf(readParamsFile(text).problems)).toEqual(['config.exc.__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses what is not a parameter file with one reason, the parser\'s message made safe', () => {
    expect(fieldsOf(readParamsFile('[1]').problems)).toEqual(['Not a parameter file: expected a JSON object']);
    expect(fieldsOf(readParamsFile('{"format":"csv","version":9}').problems)).toEqual(['Not a parameter file: "format" should be "mg-gate/parameters"']);
    const [broken] = readParamsFile(`{"format": "\u001b[2J${'y'.repeat(500)}`).problems;
    expect(broken.message).toMatch(/^Not a parameter file: the JSON does not parse/);
    expect(broken.message).not.toContain('\u001b');
    expect(broken.message.length).toBeLessThan(200);
  });

  it('loads what the URL accepts, and the reloaded URL takes it back whole', () => {
    for (const preset of ['sheet', 'coba'] as const) {
      const data = savedFile(preset);
      Object.assign(data.config, { neurons: USER_RANGES.neurons.max, seed: USER_RANGES.seed.max });
      data.config.live.mgOutMM = 1.984;
      data.config.live.kBathMM = 8.25;
      data.config.live.caOutMM = 0.5;
      data.page.speed = USER_RANGES.speed.min;
      const { file } = readParamsFile(JSON.stringify(data));
      expect(file?.config).toEqual(data.config);
      const state = pageStateOfFile(file!);
      const ionsOn = preset === 'sheet' ? 1 : 0;
      expect(state).toEqual({ preset, neurons: 100_000, seed: 4294967295, mgOutMM: 1.984, kBathMM: 8.25, caOutMM: 0.5, ionsOn, speed: 0.05 });
      expect(parseUrlState(formatUrlState(state))).toEqual({ state, problems: [] });
    }
    // an old file without page settings runs at real time
    const old = savedFile();
    delete old.page;
    expect(readParamsFile(JSON.stringify(old)).file?.page.speed).toBe(1);
  });

  it('a version-1 file (saved before the ion fields) loads as the fixed-ion model it was, with the preset\'s bath', () => {
    for (const preset of ['sheet', 'coba'] as const) {
      const data = savedFile(preset);
      data.version = 1;
      for (const key of ['kBathMM', 'caOutMM', 'ionsOn']) delete data.config.live[key];
      const { file, problems } = readParamsFile(JSON.stringify(data));
      expect(problems).toEqual([]);
      const base = presetConfig(preset).live;
      expect(file?.version).toBe(2);
      expect(file?.config.live).toEqual({ ...data.config.live, kBathMM: base.kBathMM, caOutMM: base.caOutMM, ionsOn: 0 });
    }
    // a version-2 file must carry them
    const data = savedFile();
    delete data.config.live.kBathMM;
    expect(fieldsOf(problemsOf(data))).toEqual(['config.live.kBathMM']);
  });

  it('a speed the file accepts, the client accepts (the page applies it first and cannot fail there)', () => {
    expect(USER_RANGES.speed.min).toBeGreaterThanOrEqual(SPEED_RANGE.min);
    expect(USER_RANGES.speed.max).toBeLessThanOrEqual(SPEED_RANGE.max);
  });
});
