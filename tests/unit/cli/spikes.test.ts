// Issue 16, item 1: an unwritable --spikes file crashed the runner (status 1, an unhandled 'error'
// event). Now: one line naming --spikes, status 2, refused before the run, nothing half-written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpikesFile } from '../../../src/cli/spikesFile';
import { buildNodeEntries } from '../nodeBuild';
import { runner } from './support';

const SMALL_RUN = ['--preset', 'coba', '--n', '200', '--duration-ms', '20', '--seed', '2'];

describe('an unwritable --spikes file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-gate-spikes-bad-'));
  const cases: [string, string, RegExp][] = [
    ['a missing folder', '/nonexistent/dir/x.csv', /^--spikes \/nonexistent\/dir\/x\.csv cannot be written: its folder does not exist \(ENOENT\)$/],
    ['a folder', dir, /^--spikes \/.* cannot be written: it is a folder, not a file$/],
    ['a full device', '/dev/full', /^--spikes \/dev\/full cannot be written: no space left on the device \(ENOSPC\)$/],
    ['a 322-character name', join(dir, 'a'.repeat(322 - dir.length - 1)), /^--spikes \/.{39}… cannot be written: the name is too long \(ENAMETOOLONG\)$/],
  ];
  for (const [what, path, message] of cases) {
    it(`${what}: one line naming --spikes, status 2, no output and no file left`, () => {
      const r = runner([...SMALL_RUN, '--json', '--spikes', path]);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    });
  }
  it('leaves nothing in the folder it was given', () => {
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('SpikesFile', () => {
  it('writes under a temporary name and renames into place when finished', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-spikes-ok-'));
    const path = join(dir, 'out.csv');
    const file = SpikesFile.open(path);
    file.write('1,0.5\n');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
    file.finish();
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(readFileSync(path, 'utf8')).toBe('neuron_id,time_ms\n1,0.5\n');
  });

  it('a run that fails midway leaves an earlier file as it was and no partial one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-spikes-abort-'));
    const path = join(dir, 'out.csv');
    writeFileSync(path, 'the previous run\n');
    const file = SpikesFile.open(path);
    file.write('1,0.5\n');
    file.abort();
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(readFileSync(path, 'utf8')).toBe('the previous run\n');
  });

  it('a write that fails midway (a file-size limit) is one line, status 2, and leaves the earlier file intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-spikes-fail-'));
    const path = join(dir, 'out.csv');
    writeFileSync(path, 'the previous run\n');
    // 4 KiB: the header fits, the bursting sheet's spikes do not (EFBIG; Node ignores SIGXFSZ)
    const sim = join(buildNodeEntries(), 'sim.js');
    const args = ['--preset', 'sheet', '--n', '1000', '--mg', '0', '--duration-ms', '500', '--spikes', path];
    const r = spawnSync('bash', ['-c', 'ulimit -f 4; exec "$0" "$@"', process.execPath, sim, ...args], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/^--spikes \/.* cannot be written: the file is too large \(EFBIG\)\n$/);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(readFileSync(path, 'utf8')).toBe('the previous run\n');
  });

  it('a character device is written directly (as /dev/stdout or a pipe would be)', () => {
    const file = SpikesFile.open('/dev/null');
    file.write('1,0.5\n');
    file.finish();
    expect(existsSync('/dev/null')).toBe(true);
  });

  it('the runner writes a good path completely', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-gate-spikes-run-'));
    const path = join(dir, 'spikes.csv');
    const r = runner([...SMALL_RUN, '--json', '--spikes', path]);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(summary.spikes + 1);
    expect(readdirSync(dir)).toEqual(['spikes.csv']);
  });
});
