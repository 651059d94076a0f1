/**
 * The security headers and the strict Content-Security-Policy (issue 16): the built site under
 * `vite preview` sends them on every response, the dev server sends the same, and the page runs
 * under them in Chromium — frames arrive, the views draw, WebAssembly compiles, eval does not, and
 * not one `securitypolicyviolation` fires. A URL past Node's 16 KiB header limit reaches the page,
 * which names the bad value, instead of an HTTP 431.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CONTENT_SECURITY_POLICY, SITE_HEADERS } from '../../vite.config';
import { ROOT, startBuiltSite } from './builtSite';
import type { BuiltSite } from './builtSite';
import { launchChromium, openPage, regionStats, screenshot, viewBoxes, waitForStatus, waitRunning } from './support';

let site: BuiltSite | null = null;
let baseUrl = '';
let outDir = '';
let browser: Browser;

beforeAll(async () => {
  site = await startBuiltSite();
  ({ baseUrl, outDir } = site);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The headers of SITE_HEADERS as a response carries them (names lower-cased). */
function siteHeadersOf(response: Response): Record<string, string | null> {
  return Object.fromEntries(Object.keys(SITE_HEADERS).map((name) => [name, response.headers.get(name)]));
}

/** 20,000 characters of query: past Node's default 16 KiB limit on a request's headers. */
const LONG_VALUE = '9'.repeat(20_000);

describe('the policy itself', () => {
  it('is strict: scripts from the site and WebAssembly, never eval; no plugins; no <base>', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('worker-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
  });

  it('is listed in README.md for static hosts, header by header, as the servers send it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const [name, value] of Object.entries(SITE_HEADERS)) expect(readme).toContain(`    ${name}: ${value}\n`);
  });
});

describe('the built site (vite build + vite preview) under its CSP', () => {
  it('sends the security headers on the page, its scripts, its workers and its styles', async () => {
    const assets = readdirSync(join(outDir, 'assets'));
    const worker = assets.find((name) => name.startsWith('sim.worker-'));
    const css = assets.find((name) => name.endsWith('.css'));
    expect(worker && css).toBeTruthy();
    for (const path of ['/', '/?preset=coba', `/assets/${worker}`, `/assets/${css}`]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(siteHeadersOf(response), path).toEqual(SITE_HEADERS);
    }
    const html = await (await fetch(`${baseUrl}/`)).text();
    // the same policy in the page, for a static host that sends no headers
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    // no source maps ship
    expect(assets.filter((name) => name.endsWith('.map'))).toEqual([]);
  });

  it('runs: frames arrive, every view draws, no CSP violation and no console error', async () => {
    const { page, errors, close } = await openPage(browser, 'about:blank');
    try {
      // counted from the first script on: the document and each worker report their own violations
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const response = await page.goto(`${baseUrl}/?n=1500&mg=0.5`);
      expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      await waitRunning(page);
      const status = await waitForStatus(page, (s) => s.timeS > 0.3 && s.rateHz > 0, 60_000, 'frames from the worker under the CSP');
      expect(status.mgOutMM).toBeCloseTo(0.5, 2);
      const png = await screenshot(page, 'csp-build');
      for (const [name, box] of Object.entries(await viewBoxes(page))) expect(regionStats(png, box).lumaSd, name).toBeGreaterThan(6);

      // the simulation worker runs under the policy too: WebAssembly compiles there, eval does not
      // (its helper thread is left alone: it spends its life in Atomics.wait, where nothing evaluates)
      const simWorker = page.workers().find((w) => w.url().includes('/assets/sim.worker-'));
      expect(simWorker, page.workers().map((w) => w.url()).join(', ')).toBeDefined();
      const probe = async () => {
        const wasm = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'compiled', (e: Error) => e.message);
        let evaluated = 'ran';
        try {
          new Function('return 1')();
        } catch {
          evaluated = 'refused';
        }
        return { wasm, evaluated };
      };
      const violationsBefore = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations.slice());
      expect(violationsBefore).toEqual([]);
      expect(errors).toEqual([]);
      expect(await simWorker!.evaluate(probe)).toEqual({ wasm: 'compiled', evaluated: 'refused' });
      expect(await page.evaluate(probe)).toEqual({ wasm: 'compiled', evaluated: 'refused' });
      // and the refused eval in the page is seen, once by each policy (the header's and the <meta>'s):
      // the counter that read 0 above does count violations
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))
        .toEqual(['script-src eval', 'script-src eval']);
    } finally {
      await close();
    }
  });

  it('answers a URL past 16 KiB (it was HTTP 431): the page opens and names the bad value', async () => {
    const url = `${baseUrl}/?n=1500&mg=${LONG_VALUE}`;
    expect((await fetch(url)).status).toBe(200);
    const { page, errors, close } = await openPage(browser, url);
    try {
      const notice = page.locator('#notice');
      await notice.waitFor({ state: 'visible' });
      expect(await notice.textContent()).toContain(`mg = ${'9'.repeat(40)}… is not allowed: expected from 0 to 3 mM`);
      await waitRunning(page);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the dev server', () => {
  it('sends the same headers, and answers a URL past 16 KiB', async () => {
    const devUrl = inject('baseUrl');
    for (const path of ['/', '/src/main.ts']) {
      const response = await fetch(`${devUrl}${path}`);
      expect(response.status, path).toBe(200);
      expect(siteHeadersOf(response), path).toEqual(SITE_HEADERS);
    }
    expect((await fetch(`${devUrl}/?mg=${LONG_VALUE}`)).status).toBe(200);
  });
});
