/**
 * What the Brian2 peers tests share: the Brian2 check and a scratch folder per file, running an
 * exported network.py and reading its spikes (and its ion trace) back, and the exact-comparison key.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
/** the first run of a machine compiles Brian2's Cython code */
export const BRIAN2_TIMEOUT_MS = 600_000;

export interface Spikes {
  ids: Uint32Array;
  steps: Uint32Array;
}

/** Fails the file at once when Brian2 is missing; returns the file's scratch folder (read it in a test). */
export function useBrian2Folder(prefix: string): { readonly path: string } {
  const folder = { path: '' };
  beforeAll(async () => {
    try {
      await run(PYTHON, ['-c', 'import brian2']);
    } catch {
      throw new Error('Brian2 is missing: apt-get install -y python3-brian (Debian 12, brian2 2.5.1)');
    }
    folder.path = mkdtempSync(join(tmpdir(), prefix));
  }, 120_000); // importing brian2 (sympy, numpy) takes 5–20 s on a busy machine
  afterAll(() => {
    if (folder.path) rmSync(folder.path, { recursive: true, force: true });
  });
  return folder;
}

const csvRows = (path: string): number[][] => readFileSync(path, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').map(Number));

/**
 * Runs the exported network.py in `dir`: its JSON line, its spikes in step order, and with
 * `ionTrace` the rows of its --ion-trace file (time, mean [K]o, max [K]o, …).
 */
export async function runNetworkPy(
  dir: string,
  durationMs: number,
  dtMs: number,
  extra: string[],
  ionTrace = false,
): Promise<{ result: Record<string, number>; spikes: Spikes; ionRows: number[][] }> {
  const csv = join(dir, 'brian2.csv');
  const trace = join(dir, 'ions.csv');
  const args = [join(dir, 'network.py'), '--duration-ms', String(durationMs), '--json', '--spikes', csv, ...(ionTrace ? ['--ion-trace', trace] : []), ...extra];
  const { stdout } = await run(PYTHON, args, { timeout: BRIAN2_TIMEOUT_MS, maxBuffer: 1 << 24 });
  const result = JSON.parse(stdout.trim().split('\n').pop()!);
  const rows = csvRows(csv);
  rows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return {
    result,
    spikes: { ids: Uint32Array.from(rows, (r) => r[0]), steps: Uint32Array.from(rows, (r) => Math.round(r[1] / dtMs)) },
    ionRows: ionTrace ? csvRows(trace) : [],
  };
}

/** "step:id" of every spike, sorted, for an exact comparison. */
export function spikeKeys(s: Spikes): string[] {
  return Array.from(s.ids, (id, k) => `${s.steps[k]}:${id}`).sort();
}
