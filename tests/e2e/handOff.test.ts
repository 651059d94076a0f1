/**
 * Issue 15 from the page: the "NWB", "Brian2" and "NEST (SONATA)" downloads on the built site
 * (its strict CSP: 'wasm-unsafe-eval', no 'unsafe-eval'), each written in the export worker.
 * The bytes are read back by Debian's python3-h5py (tests/e2e/handOffCheck.py): the NWB holds
 * every spike of the session — every row of the page's spike CSV, taken just before, is in it —
 * the [Mg]o change made on the page, and the ion traces; the zips hold the runner's folders.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltSite } from './builtSite';
import { useBrowser, waitForStatus, waitRunning } from './support';

const site = useBuiltSite('handoff');
const browser = useBrowser(site.baseUrl);

async function download(page: Page, button: string, timeoutMs = 60_000): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: timeoutMs }), page.getByRole('button', { name: button, exact: true }).click()]);
  return { name: file.suggestedFilename(), path: (await file.path())! };
}

describe('hand-off downloads on the built site', () => {
  it('NWB of the session, Brian2 and NEST zips, written in a worker under the CSP', async () => {
    const { page, errors, close } = await browser.open('/?n=1000&mg=1.2&seed=3', { acceptDownloads: true });
    try {
      const violations: string[] = [];
      await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
      await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
      await waitRunning(page);
      await waitForStatus(page, (s) => s.timeS >= 0.5, 60_000, 'half a second at 1.2 mM');
      await page.keyboard.press('4'); // 0 mM: a live change the NWB must hold
      // long enough at 0 mM for [K]o to climb and an ictal event (≥ 2 s raised) to be reported
      await waitForStatus(page, (s) => s.mgOutMM === 0 && s.timeS >= 7, 90_000, 'six seconds at 0 mM');

      const csv = await download(page, 'Spikes (CSV)');
      const nwb = await download(page, 'NWB');
      expect(nwb.name).toBe('mg-gate-run.nwb');
      const status = page.locator('#handoff-status');
      await expect.poll(() => status.textContent()).toMatch(/^NWB: mg-gate-run\.nwb, [\d.]+ [kM]B: [\d,]+ spikes/);
      const nwbText = (await status.textContent())!;
      const brian2 = await download(page, 'Brian2');
      expect(brian2.name).toBe('mg-gate-brian2.zip');
      await expect.poll(() => status.textContent()).toMatch(/^Brian2: mg-gate-brian2\.zip/);
      const nest = await download(page, 'NEST (SONATA)');
      expect(nest.name).toBe('mg-gate-nest.zip');
      await expect.poll(() => status.textContent()).toMatch(/^NEST \(SONATA\): mg-gate-nest\.zip/);
      console.log(`hand-off: ${nwbText} | ${await status.textContent()}`);

      const found = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, 'handOffCheck.py'), nwb.path, csv.path, brian2.path, nest.path], { encoding: 'utf8' }));
      console.log(`hand-off check: ${JSON.stringify({ ...found, brian2Files: found.brian2Files.length, nestFiles: found.nestFiles.length })}`);
      expect(found.nwbVersion).toBe('2.7.0');
      expect(found.units).toBe(1000);
      expect(found.config).toBe(1000);
      const spikesSaid = Number(/: ([\d,]+) spikes/.exec(nwbText)![1].replace(/,/g, ''));
      expect(found.spikes).toBe(spikesSaid);
      expect(found.indexEnd).toBe(found.spikes);
      expect(found.csvSpikes).toBeGreaterThan(100);
      expect(found.spikes).toBeGreaterThanOrEqual(found.csvSpikes);
      expect(found.csvMissingFromNwb).toBe(0);
      expect(found.liveSeries).toEqual(expect.arrayContaining(['mgOutMM', 'kBathMM', 'caOutMM', 'ionsOn']));
      expect(found.mgValues).toEqual([1.2, 0]);
      // the sheet has ions on: sampled every 100 ms from 0 s
      expect(found.ionSeries).toEqual(['kOutMaxMM', 'kOutMeanMM', 'naInMeanMM']);
      expect(found.ionSamples).toBeGreaterThanOrEqual(15);
      expect(found.kOutMeanRange[0]).toBeGreaterThan(2);
      expect(found.kOutMeanRange[1]).toBeLessThan(40);
      // the online analysis's ictal events since the build, as the page reported them
      const ictalSaid = Number(/, (\d+) ictal events?/.exec(nwbText)?.[1] ?? 0);
      expect(ictalSaid).toBeGreaterThanOrEqual(1);
      expect(found.ictalStarts).toHaveLength(ictalSaid);
      expect(found.ictalStarts[0]).toBeGreaterThan(0.5); // after the change to 0 mM
      expect(found.ictalUnderWay.every((v: number) => v === 0 || v === 1)).toBe(true);

      expect(found.brian2Files).toEqual(expect.arrayContaining(['mg-gate-brian2/network.py', 'mg-gate-brian2/network.json', 'mg-gate-brian2/synapsePre.bin', 'mg-gate-brian2/vMV.bin']));
      expect(found.brian2Neurons).toBe(1000);
      expect(found.brian2Mg).toBe(0); // the controls as they are now: the 0 mM set on the page
      expect(found.brian2IonsOn).toBe(true); // the sheet's ion model travels with it
      expect(found.brian2Files).toEqual(expect.arrayContaining(['mg-gate-brian2/ionsKOutMM.bin', 'mg-gate-brian2/adaptNS.bin']));
      expect(found.brian2Synapses).toBe(found.brian2SynapsesListed);
      expect(found.brian2Synapses).toBeGreaterThan(1000 * 10);
      expect(found.brian2Mode).toBe(0o755);
      expect(found.nestFiles).toEqual(expect.arrayContaining(['mg-gate-nest/nodes.h5', 'mg-gate-nest/edges.h5', 'mg-gate-nest/run_nest.py', 'mg-gate-nest/circuit_config.json', 'mg-gate-nest/simulation_config.json']));
      expect(found.nestNodes).toBe(1000);
      expect(found.nestEdges).toBeGreaterThanOrEqual(found.brian2Synapses); // E synapses are two NEST connections

      // the page kept running throughout and nothing was refused by the policy
      await waitForStatus(page, (s) => s.timeS >= 3, 60_000, 'the page still running after the exports');
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says so in text when the export worker cannot start, and the buttons work again', async () => {
    // no service worker: it would serve the worker script from its cache, past the route below
    const { page, errors, close } = await browser.open('/?n=500&seed=2', { acceptDownloads: true, serviceWorkers: 'block' });
    try {
      await waitRunning(page);
      await page.route('**/*export.worker*', (route) => route.abort());
      await page.getByRole('button', { name: 'Brian2', exact: true }).click();
      const status = page.locator('#handoff-status');
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Brian2 failed: the export worker failed/);
      expect(await status.getAttribute('class')).toContain('field-error');
      expect(await page.getByRole('button', { name: 'NWB', exact: true }).isEnabled()).toBe(true);
      await waitForStatus(page, (s) => s.timeS >= 1, 60_000, 'the page still running');
      // the refused worker script is the one console error expected
      expect(errors.filter((e) => !/export\.worker|ERR_FAILED/.test(e))).toEqual([]);
    } finally {
      await close();
    }
  });
});
