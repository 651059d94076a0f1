/**
 * Node side of the NWB export: writes the bytes of writeNwb to a file. The runner's `--nwb <file>`
 * calls writeNwbFile once the run has ended; the page has no file system and offers the bytes as a
 * download instead.
 */
import { writeFile } from 'node:fs/promises';
import { ExportError } from './hdf5';
import type { NwbRun } from './run';
import { writeNwb } from './writeNwb';

/** Writes `run` to `path` as NWB; `flag` names the option in errors (an unwritable path, bad input). */
export async function writeNwbFile(path: string, run: NwbRun, flag = '--nwb'): Promise<{ path: string; bytes: number }> {
  if (typeof path !== 'string' || path.trim() === '') throw new ExportError(flag, 'needs a file path, e.g. run.nwb');
  const bytes = await writeNwb(run);
  try {
    await writeFile(path, bytes);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ExportError(flag, `cannot write ${path} (${reason})`);
  }
  return { path, bytes: bytes.length };
}
