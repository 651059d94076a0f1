/**
 * Node side of the NEST export: writes exportSonata's files into a folder (created if missing).
 * The runner's `--export-nest <dir>` calls writeExportFolder right after the build, before the run.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ExportError } from '../nwb/hdf5';
import type { ExportedFile } from './exportSonata';

/** Writes `files` under `dir`; `flag` names the option in errors (an unwritable folder). */
export async function writeExportFolder(dir: string, files: readonly ExportedFile[], flag = '--export-nest'): Promise<{ dir: string; bytes: number }> {
  if (typeof dir !== 'string' || dir.trim() === '') throw new ExportError(flag, 'needs a folder, e.g. nest-export/');
  let bytes = 0;
  try {
    for (const f of files) {
      const path = join(dir, ...f.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.bytes);
      bytes += f.bytes.length;
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ExportError(flag, `cannot write into ${dir} (${reason})`);
  }
  return { dir, bytes };
}
