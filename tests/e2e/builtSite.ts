/**
 * The built site for a test file: `vite build` into a temporary folder before its tests, served by
 * `vite preview` (the project's own config, so the same COOP/COEP headers and the same service
 * worker), removed after them. Returns where it is served and where it was built.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltSite {
  /** http://127.0.0.1:PORT, once the file's tests run */
  baseUrl(): string;
  /** the folder the site was built into */
  outDir(): string;
}

export function useBuiltSite(name: string): BuiltSite {
  let outDir = '';
  let server: PreviewServer | null = null;
  let baseUrl = '';
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), `mg-gate-${name}-`));
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    server = await preview({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('preview server has no port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });
  return { baseUrl: () => baseUrl, outDir: () => outDir };
}
