/**
 * Writes an export's files into a folder (Node only: the runner and the bench). The page zips the
 * same files instead.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportFile } from './brian2Export';

export function writeExportFolder(dir: string, files: readonly ExportFile[]): void {
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    if (f.name.includes('/') || f.name.includes('\\')) throw new Error(`export file name ${f.name} must not name a folder`);
    writeFileSync(join(dir, f.name), f.data);
    if (f.name.endsWith('.py')) chmodSync(join(dir, f.name), 0o755);
  }
}
