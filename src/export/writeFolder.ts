/**
 * Node side of the folder exports (Brian2, NEST/SONATA): writes an export's files under a folder,
 * created if missing. The page has no file system and zips the same files instead.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExportedFile } from './exportedFile';
import { ExportError } from './nwb/hdf5';

/** Writes `files` under `dir` (scripts made executable); `flag` names the option in errors (an unwritable folder). */
export async function writeExportFolder(dir: string, files: readonly ExportedFile[], flag: string): Promise<{ dir: string; bytes: number }> {
  if (typeof dir !== 'string' || dir.trim() === '') throw new ExportError(flag, 'needs a folder, e.g. export/');
  let bytes = 0;
  try {
    for (const f of files) {
      if (f.path.split('/').some((part) => part === '..' || part === '')) throw new Error(`bad file path ${f.path}`);
      const path = join(dir, ...f.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.bytes);
      if (f.path.endsWith('.py')) await chmod(path, 0o755);
      bytes += f.bytes.length;
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ExportError(flag, `cannot write into ${dir} (${reason})`);
  }
  return { dir, bytes };
}
