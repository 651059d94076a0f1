// Builds the Node entry points (runner, benches) once per test file into a temporary folder, so
// tests run the same bundle that `npm run sim` runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let outDir: string | undefined;

export function buildNodeEntries(): string {
  if (outDir) return outDir;
  const dir = mkdtempSync(join(tmpdir(), 'mg-gate-node-'));
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.node.config.ts', '--outDir', dir, '--emptyOutDir'], {
    stdio: 'pipe',
  });
  outDir = dir;
  return dir;
}
