import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/params';
import { PRESET_NAMES } from '../../../src/core/presets';
import { USER_RANGES } from '../../../src/core/ranges';
import { defaultState, describeProblems, formatUrlState, parseUrlState } from '../../../src/ui/urlState';

describe('parseUrlState', () => {
  it('an empty query is the sheet preset at 1.2 mM, seed 1, 10,000 neurons, real time', () => {
    expect(parseUrlState('')).toEqual({
      state: { preset: 'sheet', mgOutMM: 1.2, kBathMM: 3.5, caOutMM: 2, ionsOn: 1, seed: 1, neurons: 10_000, speed: 1 },
      problems: [],
    });
  });

  it('reads every field', () => {
    const { state, problems } = parseUrlState('?preset=coba&mg=0.4&k=8.5&ca=1&ions=on&seed=7&n=2500&speed=0.5');
    expect(problems).toEqual([]);
    expect(state).toEqual({ preset: 'coba', mgOutMM: 0.4, kBathMM: 8.5, caOutMM: 1, ionsOn: 1, seed: 7, neurons: 2500, speed: 0.5 });
  });

  it('takes the ions from the preset: moving on the sheet, fixed in COBA', () => {
    expect(parseUrlState('').state).toMatchObject({ kBathMM: 3.5, caOutMM: 2, ionsOn: 1 });
    expect(parseUrlState('preset=coba').state.ionsOn).toBe(0);
    expect(parseUrlState('ions=off').state.ionsOn).toBe(0);
  });

  it('names malformed ion parameters with their ranges and uses the defaults, nothing half-applied', () => {
    const { state, problems } = parseUrlState('?k=13&ca=0.4&ions=1&mg=0');
    expect(problems.map((p) => p.message)).toEqual([
      'k = 13 is not allowed: expected from 2 to 12 mM',
      'ca = 0.4 is not allowed: expected from 0.5 to 4 mM',
      'ions = 1 is not allowed: expected on or off',
    ]);
    expect(state).toEqual({ ...defaultState('sheet'), mgOutMM: 0 });
    const { lines } = describeProblems(problems, state);
    expect(lines).toEqual([
      `${problems[0].message} — using [K+] bath 3.5 mM.`,
      `${problems[1].message} — using [Ca2+]o 2 mM.`,
      `${problems[2].message} — using ions on.`,
    ]);
  });

  it('takes the size default from the preset', () => {
    expect(parseUrlState('preset=coba').state.neurons).toBe(4000);
  });

  it('names each malformed field with its range and keeps the default', () => {
    const { state, problems } = parseUrlState('?mg=abc&n=-5&seed=<img src=x onerror=alert(1)>');
    expect(state).toEqual(defaultState('sheet'));
    expect(problems.map((p) => p.field)).toEqual(['mg', 'n', 'seed']);
    expect(problems.every((p) => p instanceof ParameterError)).toBe(true);
    const [mg, n, seed] = problems.map((p) => p.message);
    expect(mg).toBe('mg = abc is not allowed: expected from 0 to 3 mM');
    expect(seed).toContain('seed = <img src=x onerror=alert(1)> is not allowed: expected an integer from 0 to 4294967295');
    expect(n).toBe('n = -5 is not allowed: expected an integer from 100 to 100000 neurons');
  });

  it.each([
    ['mg=3.5', 'mg'],
    ['mg=', 'mg'],
    ['mg=0x1', 'mg'],
    ['mg=NaN', 'mg'],
    ['mg=Infinity', 'mg'],
    ['seed=1.5', 'seed'],
    ['seed=4294967296', 'seed'],
    ['n=99', 'n'],
    ['n=1e6', 'n'],
    ['speed=0', 'speed'],
    ['k=1.9', 'k'],
    ['k=0x8', 'k'],
    ['k=', 'k'],
    ['ca=4.01', 'ca'],
    ['ca=Infinity', 'ca'],
    ['ions=ON', 'ions'],
    ['ions=true', 'ions'],
    ['ions=', 'ions'],
    ['speed=100', 'speed'],
    ['preset=hippocampus', 'preset'],
    ['colour=red', 'colour'],
  ])('%s is rejected, naming %s', (query, field) => {
    const { state, problems } = parseUrlState(query);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe(field);
    expect(state).toEqual(defaultState('sheet'));
  });

  it('accepts the edges of each range and exponent notation', () => {
    expect(parseUrlState('mg=0&seed=4294967295&n=100&speed=8').problems).toEqual([]);
    expect(parseUrlState('mg=3&n=1e5&speed=5e-2').state).toMatchObject({ mgOutMM: 3, neurons: 100_000, speed: 0.05 });
  });

  it('a repeated parameter keeps the first value and is reported', () => {
    const { state, problems } = parseUrlState('mg=0.5&mg=2');
    expect(state.mgOutMM).toBe(0.5);
    expect(problems[0].message).toContain('given once');
  });

  it('cuts very long values in the message', () => {
    const { problems } = parseUrlState(`mg=${'9'.repeat(500)}`);
    expect(problems[0].message.length).toBeLessThan(120);
  });
});

describe('formatUrlState', () => {
  it('writes every field and reads back to the same state', () => {
    const state = { preset: 'coba' as const, mgOutMM: 0.45, kBathMM: 8.5, caOutMM: 1, ionsOn: 0 as const, seed: 7, neurons: 2500, speed: 0.25 };
    const query = formatUrlState(state);
    expect(query).toBe('?preset=coba&mg=0.45&k=8.5&ca=1&ions=off&seed=7&n=2500&speed=0.25');
    expect(parseUrlState(query)).toEqual({ state, problems: [] });
  });

  it('writes every value exactly: mg=1.984 comes back as 1.984, not 1.98', () => {
    const state = { ...defaultState(), mgOutMM: 1.984, speed: 0.0625 };
    const query = formatUrlState(state);
    expect(new URLSearchParams(query).get('mg')).toBe('1.984');
    expect(parseUrlState(query)).toEqual({ state, problems: [] });
    // not rounded for show: 0.1 + 0.2 is its own double, and the bookmark keeps it
    expect(parseUrlState(formatUrlState({ ...defaultState(), mgOutMM: 0.1 + 0.2 })).state.mgOutMM).toBe(0.1 + 0.2);
  });

  it('round-trips every state in range exactly (2,000 seeded states)', () => {
    const inRangeDouble = (name: keyof typeof USER_RANGES) =>
      fc.double({ min: USER_RANGES[name].min, max: USER_RANGES[name].max, noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x));
    const inRangeInteger = (name: keyof typeof USER_RANGES) => fc.integer({ min: USER_RANGES[name].min, max: USER_RANGES[name].max });
    const state = fc.record({
      preset: fc.constantFrom(...PRESET_NAMES),
      mgOutMM: inRangeDouble('mgOutMM'),
      kBathMM: inRangeDouble('kBathMM'),
      caOutMM: inRangeDouble('caOutMM'),
      ionsOn: fc.constantFrom(0 as const, 1 as const),
      seed: inRangeInteger('seed'),
      neurons: inRangeInteger('neurons'),
      speed: inRangeDouble('speed'),
    });
    fc.assert(
      fc.property(state, (s) => {
        expect(parseUrlState(formatUrlState(s))).toEqual({ state: s, problems: [] });
      }),
      { seed: 16, numRuns: 2000 },
    );
  });
});

describe('describeProblems', () => {
  it('names each refused parameter with the value used instead; a repeat needs no default', () => {
    const { state, problems } = parseUrlState('preset=x&mg=abc&mg=1&speed=99&zoom=2');
    const { title, lines } = describeProblems(problems, state);
    expect(title).toBe('Some parameters in the address were not used:');
    expect(lines).toEqual([
      `${problems[0].message} — using the sheet preset.`,
      `${problems[1].message} — using 1.2 mM.`,
      `${problems[2].message}.`,
      `${problems[3].message} — using 1×.`,
      `${problems[4].message} — using the defaults.`,
    ]);
    expect(describeProblems(problems.slice(0, 1), state).title).toBe('A parameter in the address was not used:');
  });
});
