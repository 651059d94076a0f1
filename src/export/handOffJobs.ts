/**
 * The page's three hand-off downloads as jobs that return one file's bytes: the NWB recording, and
 * the Brian2 and NEST (SONATA) folders — the files the runner's --export-brian2 / --export-nest
 * write — as one zip each. They run in the export worker (workers/export.worker.ts), never on the
 * page's thread. The folder exports rebuild the network from its configuration (same seed, so the
 * same wiring and start state) and export it as built, before its first step, as the runner does.
 *
 * Zip: fflate's zipSync (MIT, ≈ 8 KB of it bundled, no dependencies, no eval, and synchronous —
 * its asynchronous zip starts blob: workers, which the site's CSP refuses; this already runs in a
 * worker). The h5 files are compressed inside already and are stored; the rest is deflated.
 */
import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { validateConfig } from '../core/params';
import { Simulation } from '../core/simulation';
import type { NetworkConfig } from '../core/params';
import type { ExportedFile } from './exportedFile';
import { ExportError, loadH5wasm } from './nwb/hdf5';
import type { NwbRun } from './nwb/run';

export type HandOffKind = 'nwb' | 'brian2' | 'nest';

/** One stage of a job, for the page's progress text. */
export type JobProgress = (stage: string) => void;

/** Deflate level for the zips: 6 is zlib's default (fflate's too). */
const ZIP_LEVEL = 6;

export async function nwbJob(run: NwbRun, progress: JobProgress = () => {}): Promise<Uint8Array> {
  progress('loading h5wasm');
  await loadH5wasm();
  progress(`writing ${run.spikeIds.length.toLocaleString('en-US')} spikes as NWB`);
  const { writeNwb } = await import('./nwb/writeNwb');
  return writeNwb(run);
}

/** The network of `config` as built, checked first (a bad field: a ParameterError naming it). */
function buildNetwork(config: NetworkConfig, progress: JobProgress): Simulation {
  validateConfig(config);
  progress(`building the network (${config.neurons.toLocaleString('en-US')} neurons, seed ${config.seed})`);
  return Simulation.create(config);
}

export async function brian2Job(config: NetworkConfig, progress: JobProgress = () => {}): Promise<Uint8Array> {
  const sim = buildNetwork(config, progress);
  progress('writing the Brian2 files');
  const { brian2ExportFiles } = await import('./brian2/brian2Export');
  const files = brian2ExportFiles(sim.network);
  progress('zipping');
  return zipFolder('mg-gate-brian2', files);
}

export async function nestJob(config: NetworkConfig, durationMs: number, progress: JobProgress = () => {}): Promise<Uint8Array> {
  const sim = buildNetwork(config, progress);
  progress('writing the SONATA files (h5wasm)');
  const { exportSonata } = await import('./sonata/exportSonata');
  const { sonataInputOf } = await import('./sonata/input');
  const files = await exportSonata(sonataInputOf(sim.network, durationMs));
  progress('zipping');
  return zipFolder('mg-gate-nest', files);
}

/** The files under one top folder `root`, as a zip (scripts marked executable for unzip). */
export function zipFolder(root: string, files: readonly ExportedFile[]): Uint8Array {
  const tree: Zippable = {};
  for (const f of files) {
    if (f.path.split('/').some((part) => part === '..' || part === '')) throw new ExportError('files', `bad file path ${f.path}`);
    const stored = f.path.endsWith('.h5');
    // attrs: Unix mode in the high 16 bits (0o100755 for scripts, 0o100644 otherwise); os 3 = Unix
    const mode = f.path.endsWith('.py') ? 0o100755 : 0o100644;
    tree[`${root}/${f.path}`] = [f.bytes, { level: stored ? 0 : ZIP_LEVEL, os: 3, attrs: mode << 16 }];
  }
  return zipSync(tree, { mtime: new Date() });
}
