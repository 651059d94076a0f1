// Issue 16, items 2 and 7: arguments named like built-in object properties are unknown arguments
// (they threw a TypeError), and every refusal names the flag the user typed, on one line, with
// the echoed value made safe and cut short, with the ranges the runner, the sweep and the page share.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { runnerConfig, usageErrorOf } from '../../../src/cli/runConfig';
import { echo, MAX_ECHO_CHARS } from '../../../src/core/echo';
import { formatRange, ParameterError } from '../../../src/core/params';
import { USER_FIELDS, USER_RANGES, userFieldOf } from '../../../src/core/ranges';
import { validateSweepRequest } from '../../../src/experiments/sweep';
import { presetConfig } from '../../../src/core/presets';
import { refusalProblem, runner } from './support';

function refusal(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('arguments named like object properties', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'toLocaleString'];
  for (const name of names) {
    it(`${name} is an unknown argument, alone, as a flag and as a value`, () => {
      expect(refusal([name, '1'])).toMatch(new RegExp(`^unknown argument ${name}: usage: `));
      expect(refusal([`--${name}`, '1'])).toMatch(new RegExp(`^unknown argument --${name}: `));
      expect(refusal(['--preset', name])).toBe(`--preset ${name} is not allowed: expected one of coba, sheet`);
      expect(refusal(['--experiment', name])).toBe(`--experiment ${name} is not allowed: expected one of run, iv, sweep`);
    });
  }

  it('exits 2 with one line from the process (it threw a TypeError with status 1)', () => {
    for (const name of ['constructor', '__proto__']) {
      const r = runner([name, '1']);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^unknown argument ${name}: `));
    }
  });
});

describe('refusals name the flag the user typed', () => {
  it('--n too small for a preset names --n with the shared range, not topology.inDegree', () => {
    expect(refusal(['--preset', 'coba', '--n', '50'])).toBe(`--n 50 is not allowed: expected ${formatRange(USER_RANGES.neurons)}`);
  });

  it('a limit of the preset that depends on the size is told as --n', () => {
    const error = new ParameterError('topology.inDegree', 80, 'at most neurons − 1 (49)');
    expect(usageErrorOf(error, { preset: 'coba', neurons: 50 }).message).toBe(
      '--n 50 is not allowed with --preset coba: topology.inDegree = 80 is not allowed: expected at most neurons − 1 (49)',
    );
    const memory = new ParameterError('neurons', 100_000, 'a network that fits in 1.5 GiB');
    expect(usageErrorOf(memory, { preset: 'sheet', neurons: 100_000 }).message).toBe(
      '--n 100000 is not allowed with --preset sheet: expected a network that fits in 1.5 GiB',
    );
  });

  it('every flag in range builds a network the core accepts for both presets', () => {
    for (const preset of ['coba', 'sheet']) {
      for (const n of [USER_RANGES.neurons.min, USER_RANGES.neurons.max]) {
        for (const dt of [USER_RANGES.dtMs.min, USER_RANGES.dtMs.max]) {
          expect(() => runnerConfig(parseArgs(['--preset', preset, '--n', String(n), '--dt-ms', String(dt)]))).not.toThrow();
        }
      }
    }
  });

  it('the ion bath in range builds a network the core accepts: --k-bath and --ca at their edges, --ions on and off', () => {
    for (const preset of ['coba', 'sheet']) {
      for (const ions of ['on', 'off']) {
        for (const [k, ca] of [[USER_RANGES.kBathMM.min, USER_RANGES.caOutMM.max], [USER_RANGES.kBathMM.max, USER_RANGES.caOutMM.min]]) {
          const argv = ['--preset', preset, '--ions', ions, '--k-bath', String(k), '--ca', String(ca)];
          let config;
          try {
            config = runnerConfig(parseArgs(argv));
          } catch (error) {
            // COBA has no sheet, so no patches to hold the ions: it may refuse them, but as --ions
            expect(error, argv.join(' ')).toBeInstanceOf(UsageError);
            expect(preset === 'coba' && ions === 'on', (error as Error).message).toBe(true);
            expect((error as Error).message).toMatch(/^--ions on is not allowed with --preset coba: /);
            continue;
          }
          expect(config.live).toMatchObject({ kBathMM: k, caOutMM: ca, ionsOn: ions === 'on' ? 1 : 0 });
        }
      }
      // the preset's own choice when --ions is not given: the sheet has ions, COBA has none
      expect(runnerConfig(parseArgs(['--preset', preset])).live.ionsOn).toBe(preset === 'sheet' ? 1 : 0);
    }
  });

  it('a sweep names --duration-ms with the range it advertises, the one the sweep itself enforces', () => {
    const point = USER_RANGES.sweepPointMs;
    expect(refusal(['--experiment', 'sweep', '--duration-ms', String(point.max + 1)])).toBe(
      `--duration-ms ${point.max + 1} is not allowed with --experiment sweep: expected ${formatRange(point)} per concentration`,
    );
    expect(() => parseArgs(['--experiment', 'sweep', '--duration-ms', String(point.max)])).not.toThrow();
    const request = { config: presetConfig('coba'), mgListMM: [1], durationMs: point.max, warmupMs: USER_RANGES.sweepWarmupMs.max };
    expect(() => validateSweepRequest(request)).not.toThrow();
    for (const [field, bad] of [['durationMs', point.max + 1], ['warmupMs', USER_RANGES.sweepWarmupMs.max + 1]] as const) {
      let caught: unknown;
      try {
        validateSweepRequest({ ...request, [field]: bad });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ParameterError);
      // the sweep's own refusal, told in the runner's terms, names the flag
      const message = usageErrorOf(caught as ParameterError, { preset: 'coba' }).message;
      expect(message).toMatch(field === 'durationMs' ? /^--duration-ms 600001 / : /^--warmup-ms 60001 /);
    }
  });

  it('--mg-list longer than a sweep takes is refused as --mg-list', () => {
    const list = Array.from({ length: USER_RANGES.sweepPoints.max + 1 }, () => '1').join(',');
    expect(refusal(['--experiment', 'sweep', '--mg-list', list])).toBe(`--mg-list has ${USER_RANGES.sweepPoints.max + 1} values: expected 1 to 200 concentrations`);
  });

  it('each internal name maps back to its flag', () => {
    expect(userFieldOf('live.mgOutMM')?.flag).toBe('--mg');
    expect(userFieldOf('live.kBathMM')?.flag).toBe('--k-bath');
    expect(userFieldOf('live.caOutMM')?.flag).toBe('--ca');
    expect(userFieldOf('mgListMM[3]')?.flag).toBe('--mg-list');
    expect(userFieldOf('durationMs')?.flag).toBe('--duration-ms');
    expect(userFieldOf('topology.inDegree')).toBeUndefined();
    for (const field of Object.values(USER_FIELDS)) expect(field.range.min).toBeLessThanOrEqual(field.range.max);
  });
});

describe('echoed values are one safe, short line', () => {
  it('a value with a newline, a carriage return or a terminal escape stays on one line', () => {
    expect(refusal(['--mg', '1\n2'])).toBe('--mg 1\\n2 is not allowed: expected from 0 to 3 mM');
    expect(refusal(['--seed', '\u001b[2J\r7'])).toBe('--seed \\u001b[2J\\r7 is not allowed: expected an integer from 0 to 4294967295');
    expect(refusal(['--preset', 'a\u2028b\u202ec'])).toBe('--preset a\\u2028b\\u202ec is not allowed: expected one of coba, sheet');
    expect(refusal(['x\ny'])).toMatch(/^unknown argument x\\ny: /);
  });

  it('a 5,000-character value is cut to 40 characters and an ellipsis', () => {
    const message = refusal(['--mg', '9'.repeat(5000)]);
    expect(message).toBe(`--mg ${'9'.repeat(MAX_ECHO_CHARS)}… is not allowed: expected from 0 to 3 mM`);
    expect(refusalProblem(message)).toBeNull();
  });

  it('the process prints the same one line', () => {
    const r = runner(['--preset', 'coba', '--mg', `0.5\n${'x'.repeat(5000)}`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`--mg 0.5\\n${'x'.repeat(MAX_ECHO_CHARS - 4)}… is not allowed: expected from 0 to 3 mM\n`);
  });

  it('echo cuts by code point, never inside a surrogate pair, and escapes lone surrogates', () => {
    const cat = '\u{1f431}';
    expect(echo(cat.repeat(41))).toBe(`${cat.repeat(40)}…`);
    expect(echo(cat.repeat(40))).toBe(cat.repeat(40));
    expect(echo('a\ud800b')).toBe('a\\ud800b');
    expect(echo('\udc00')).toBe('\\udc00');
    expect(echo('\u0085\u009b\u00a0')).toBe('\\u0085\\u009b\u00a0');
  });

  it('a ParameterError from any door (the URL, the file) is cut and escaped the same way', () => {
    const error = new ParameterError('page.speed', `1\n${'y'.repeat(100)}`, 'a number');
    expect(error.message).toBe(`page.speed = 1\\n${'y'.repeat(MAX_ECHO_CHARS - 2)}… is not allowed: expected a number`);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(new ParameterError('config', cyclic, 'an object').message).toBe('config = [object Object] is not allowed: expected an object');
    expect(new ParameterError('config', Object.create(null), 'an object').message).toBe('config = {} is not allowed: expected an object');
  });
});
