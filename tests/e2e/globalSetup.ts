/**
 * Starts one Vite dev server for the whole end-to-end suite on a free localhost port (the project's
 * own vite.config.ts, so the COOP/COEP headers are the real ones) and hands its address to the tests.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { ViteDevServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: ViteDevServer | null = null;

export async function setup(project: TestProject): Promise<void> {
  server = await createServer({
    root,
    configFile: `${root}/vite.config.ts`,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite dev server has no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  // Transform the entry and its dependencies once, so the first test does not pay for it.
  await fetch(`${baseUrl}/`);
  await server.warmupRequest('/src/main.ts');
  project.provide('baseUrl', baseUrl);
}

export async function teardown(): Promise<void> {
  await server?.close();
  server = null;
}
