// Hostile command lines for the runner's fuzz tests (fast-check arbitraries): flags, property names,
// numbers at and beyond every range's edge, NaN, Infinity, huge and odd values, control characters,
// long strings. Seeded by the tests, so every run draws the same inputs.
import fc from 'fast-check';
import { USER_FIELDS } from '../../../src/core/ranges';

export const FLAGS = [
  '--preset', '--mg', '--n', '--duration-ms', '--dt-ms', '--seed', '--json', '--spikes',
  '--experiment', '--mg-list', '--warmup-ms', '--threads', '--ions', '--k-bath', '--ca', '--help', '-h',
] as const;

/** Names that a lookup in a plain object finds on its prototype. */
export const PROPERTY_NAMES = [
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf',
  'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__', 'prototype',
  '--constructor', '--__proto__', '--toString', 'length', 'then',
];

/** Each user range's edges, just past them, and numbers JavaScript reads oddly. */
export const EDGE_NUMBERS: string[] = [
  ...new Set(
    Object.values(USER_FIELDS).flatMap(({ range }) => [
      range.min, range.max, range.min - 1, range.max + 1, range.min - 1e-9, range.max + 1e-9, (range.min + range.max) / 2, range.max * 10,
    ].map(String)),
  ),
  'NaN', 'Infinity', '-Infinity', '+Infinity', '1e308', '1e309', '-1e309', '5e-324', '-0', '+0', '0x10', '0b1', '0o7',
  '1_000', '1,5', '1.', '.5', '+.5', '1e', 'e1', '', ' ', ' 1 ', '\t2', '9007199254740993', '1'.repeat(400), '٣', '１',
];

const WEIRD_STRINGS = [
  '\n', '1\n2', '\r\n', '\u001b[31m', '\u0000', '\u2028', '\u202e', '\ud800', '<script>', '${x}', '%s%n', '-', '--',
  '---', '--=', '--mg=1', '-mg', 'sheet\n', 'coba ', 'COBA', 'x'.repeat(5000),
];

const hostileString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
  fc.constantFrom(...WEIRD_STRINGS),
);

const number = fc.oneof(
  fc.constantFrom(...EDGE_NUMBERS),
  fc.double().map(String),
  fc.integer().map(String),
  fc.double({ min: 0, max: 3 }).map(String),
);

const mgList = fc.array(fc.oneof(number, fc.constant('')), { minLength: 0, maxLength: 8 }).map((parts) => parts.join(','));

/** One command-line token: most are flags or plausible values, so inputs reach deep into the parser. */
const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 5, arbitrary: number },
  { weight: 2, arbitrary: fc.constantFrom('coba', 'sheet', 'run', 'iv', 'sweep', 'out.csv', '/dev/null', 'on', 'off', 'ON', '1') },
  { weight: 2, arbitrary: fc.constantFrom(...PROPERTY_NAMES) },
  { weight: 2, arbitrary: mgList },
  { weight: 3, arbitrary: hostileString },
);

/** A whole command line for the parser. */
export const argvArbitrary = fc.array(token, { maxLength: 14 });

/** A `--flag value` pair that is well formed, so some command lines get past the parser. */
const goodPair = fc.oneof(
  fc.constantFrom('coba', 'sheet').map((v) => ['--preset', v]),
  fc.double({ min: 0, max: 3, noNaN: true }).map((v) => ['--mg', String(v)]),
  fc.integer({ min: 0, max: 4294967295 }).map((v) => ['--seed', String(v)]),
  fc.double({ min: 0.01, max: 0.5, noNaN: true }).map((v) => ['--dt-ms', String(v)]),
  fc.constantFrom('1', '2').map((v) => ['--threads', v]),
  fc.constantFrom('on', 'off').map((v) => ['--ions', v]),
  fc.double({ min: 2, max: 12, noNaN: true }).map((v) => ['--k-bath', String(v)]),
  fc.double({ min: 0.5, max: 4, noNaN: true }).map((v) => ['--ca', String(v)]),
  fc.constant(['--json']),
);

/** Mostly-valid command lines with one hostile token dropped in somewhere. */
export const nearlyValidArbitrary = fc
  .tuple(fc.array(goodPair, { maxLength: 5 }), fc.nat(12), token)
  .map(([pairs, at, bad]) => {
    const argv = pairs.flat();
    argv.splice(at % (argv.length + 1), 0, bad);
    return argv;
  });

/**
 * A command line for the whole process, sized to finish in about a second when accepted: --n and
 * --duration-ms are always given, either small and valid or hostile, and a sweep gets few points.
 */
export function processArbitrary(spikePaths: readonly string[]): fc.Arbitrary<string[]> {
  const small = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 7, arbitrary: valid.map(String) }, { weight: 1, arbitrary: fc.oneof(number, hostileString) });
  return fc
    .record({
      preset: fc.constantFrom('coba', 'sheet'),
      n: small(fc.integer({ min: 100, max: 400 })),
      durationMs: small(fc.integer({ min: 1, max: 40 })),
      experiment: fc.constantFrom('run', 'run', 'sweep', 'iv'),
      mgList: fc.oneof(
        { weight: 3, arbitrary: fc.array(fc.double({ min: 0, max: 3, noNaN: true }).map(String), { minLength: 1, maxLength: 3 }).map((v) => v.join(',')) },
        { weight: 1, arbitrary: mgList },
      ),
      warmupMs: small(fc.integer({ min: 0, max: 20 })),
      mg: small(fc.double({ min: 0, max: 3, noNaN: true })),
      // the ion bath, each given or not: hostile values too, and --ions on COBA
      ions: fc.option(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('on', 'off') }, { weight: 1, arbitrary: hostileString }), { nil: undefined }),
      kBath: fc.option(small(fc.double({ min: 2, max: 12, noNaN: true })), { nil: undefined }),
      ca: fc.option(small(fc.double({ min: 0.5, max: 4, noNaN: true })), { nil: undefined }),
      spikes: fc.option(fc.constantFrom(...spikePaths), { nil: undefined }),
      json: fc.boolean(),
      extra: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(token, { minLength: 1, maxLength: 2 }) }),
      at: fc.nat(20),
    })
    .map((r) => {
      // the I–V curve takes only --mg and --json
      const argv = r.experiment === 'iv' ? ['--experiment', 'iv', '--mg', r.mg] : ['--preset', r.preset, '--n', r.n, '--duration-ms', r.durationMs];
      if (r.experiment === 'sweep') argv.push('--experiment', 'sweep');
      if (r.experiment === 'sweep') argv.push('--mg-list', r.mgList, '--warmup-ms', r.warmupMs);
      if (r.experiment !== 'iv') {
        if (r.ions !== undefined) argv.push('--ions', r.ions);
        if (r.kBath !== undefined) argv.push('--k-bath', r.kBath);
        if (r.ca !== undefined) argv.push('--ca', r.ca);
      }
      if (r.spikes !== undefined && r.experiment === 'run') argv.push('--spikes', r.spikes);
      if (r.json) argv.push('--json');
      argv.splice(r.at % (argv.length + 1), 0, ...r.extra);
      return argv;
    })
    .filter((argv) => argv.every((arg) => !arg.includes('\0'))); // no process can be given a NUL
}
