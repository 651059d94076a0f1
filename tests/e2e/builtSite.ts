/**
 * The built site for an end-to-end test: `vite build` into a temporary folder, served by
 * `vite preview` on a free localhost port, both with the project's own vite.config.ts (so the
 * headers and the service worker are the real ones), removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { build, preview } from 'vite';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltSite {
  baseUrl: string;
  /** the folder the site was built into (index.html, assets/) */
  outDir: string;
  close(): Promise<void>;
}

export async function startBuiltSite(name = 'site'): Promise<BuiltSite> {
  const configFile = join(ROOT, 'vite.config.ts');
  const outDir = mkdtempSync(join(tmpdir(), `mg-gate-${name}-`));
  await build({ root: ROOT, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ root: ROOT, configFile, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    outDir,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** The built site for a test file's tests: started before them, closed after them. */
export function useBuiltSite(name: string): { baseUrl(): string; outDir(): string } {
  let site: BuiltSite | null = null;
  beforeAll(async () => {
    site = await startBuiltSite(name);
  });
  afterAll(async () => {
    await site?.close();
  });
  return { baseUrl: () => site?.baseUrl ?? '', outDir: () => site?.outDir ?? '' };
}
