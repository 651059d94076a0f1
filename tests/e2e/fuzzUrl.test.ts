/**
 * Fuzzing the page's address in Chromium (issue 16): 200 seeded URLs, hostile ones among them (XSS
 * payloads, unicode, huge numbers, NaN, negatives, repeated keys, __proto__, 20,000-character
 * values, broken percent-encoding). Each is accepted and the page runs that scene, or the notice
 * names every refused parameter and the page runs with the defaults; never a dialog, an injected
 * element or script, a console error, or a NaN in the status line. The page's own parser
 * (urlState.ts, pure) says what each URL should do.
 *
 * Kept as fast as a page load allows: one small page is reused; the URL is read, the notice shown
 * and the address rewritten by DOMContentLoaded (the App's constructor), so most URLs are checked
 * there; every RUN_EVERY-th is also followed until the network runs and the status line shows its
 * scene (a build and the views' WebGL start cost seconds here). About 1.7 s a URL on the shared
 * 2-core machine (351 s for the 200 at load average 4), most of it the page's own start.
 *
 * Also through the real file input: a parameter file that is refused changes nothing (issue 16
 * item 3), and one the URL would refuse is refused (item 4).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatRange } from '../../src/core/params';
import { presetConfig } from '../../src/core/presets';
import { USER_RANGES } from '../../src/core/ranges';
import { ADDRESS_READ_EVENT } from '../../src/ui/pageEvents';
import { formatParamsFile, paramsFileOf } from '../../src/ui/paramsFile';
import { describeProblems, formatUrlState, parseUrlState, URL_KEYS } from '../../src/ui/urlState';
import { EDGE_NUMBERS, PROPERTY_NAMES } from '../unit/cli/fuzzArgs';
import { useBrowser, waitForStatus, waitRunning } from './support';

const SEED = 1618;
const URLS = 200;
/** Every RUN_EVERY-th URL is also run (the first of them a raw one). */
const RUN_EVERY = 10;

const browser = useBrowser();

const XSS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '</li><iframe src=javascript:alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '<base href=//evil.example/>',
  '\u202e<b onmouseover=alert(1)>',
];
const UNICODE = ['мг', '١٫٢', '１．２', 'ⅰ', '🧲', '\u0000', '\u200b1', 'e\u0301', '\ud800'];

const hostileValue = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...XSS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('9'.repeat(20_000), 'x'.repeat(5000), '-1e400', '__proto__', 'sheet', 'coba', 'SHEET') },
);

/** A plausible value for each page field, kept small where it costs build time. */
const validValue: Record<(typeof URL_KEYS)[number], fc.Arbitrary<string>> = {
  preset: fc.constantFrom('sheet', 'coba'),
  mg: fc.double({ min: USER_RANGES.mgOutMM.min, max: USER_RANGES.mgOutMM.max, noNaN: true }).map(String),
  k: fc.double({ min: USER_RANGES.kBathMM.min, max: USER_RANGES.kBathMM.max, noNaN: true }).map(String),
  ca: fc.double({ min: USER_RANGES.caOutMM.min, max: USER_RANGES.caOutMM.max, noNaN: true }).map(String),
  ions: fc.constantFrom('on', 'off'),
  seed: fc.integer({ min: 0, max: USER_RANGES.seed.max }).map(String),
  n: fc.integer({ min: USER_RANGES.neurons.min, max: 3000 }).map(String),
  speed: fc.double({ min: USER_RANGES.speed.min, max: USER_RANGES.speed.max, noNaN: true }).map(String),
};

const key = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...URL_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom(...PROPERTY_NAMES, 'MG', 'mg ', ' n', 'n[]', '', ...XSS.slice(0, 2), 'k'.repeat(3000)) },
);

const pair = key.chain((k) =>
  fc.tuple(fc.constant(k), Object.hasOwn(validValue, k) ? fc.oneof({ weight: 3, arbitrary: validValue[k as keyof typeof validValue] }, { weight: 2, arbitrary: hostileValue }) : hostileValue),
);

/** Most URLs through URLSearchParams (as a link would be made); some written raw, encoding and all. */
const RAW_QUERIES = [
  '?%', '?mg=%E0%A4%A', '?&&&', '?=', '?mg', '?mg=1&mg=2&mg=3', '?n=1e5&n=100', '?__proto__[mg]=1', '?constructor=1&toString=2',
  '?mg=%3Cscript%3Ealert(1)%3C/script%3E', '?mg=1%00', '?preset=__proto__', '?mg=0x1&n=0b11&seed=0o7', '?mg=1,2&n=1_000',
  '?mg=+1.2&speed=.5&n=1e3', '?mg=Infinity&n=NaN&speed=-0', `?mg=${'1'.repeat(20_000)}`, '?n=100000&mg=0.4', '?preset=coba&mg=1.984',
];

const query = fc.array(pair, { minLength: 0, maxLength: 6 }).map((pairs) => {
  const params = new URLSearchParams();
  for (const [k, v] of pairs) params.append(k, v);
  return `?${params.toString()}`;
});

/** What the page holds that an injection would add to, counted without the notice's own lines. */
interface Census {
  /** every element, less the notice's list items, the speed menu's options (a URL speed adds one), the views' canvases (made once they start) and the note under Neurons on the size fitted to the device */
  elements: number;
  scripts: number;
  /** elements that can run or load something: none but the page's own */
  risky: number;
  /** attributes that run script (onerror=…), or javascript: links */
  handlers: number;
  noticeItems: string[];
  noticeVisible: boolean;
  status: string;
  /** the address as the page rewrote it */
  address: string;
}

/** Counts the page's elements (run in the page: self-contained). */
function takeCensus(): Census {
  const all = Array.from(document.getElementsByTagName('*'));
  const items = Array.from(document.querySelectorAll('#notice-list li'));
  const options = document.querySelectorAll('#speed option').length;
  const canvases = document.querySelectorAll('canvas').length;
  const fitNote = document.querySelectorAll('#fit-note').length; // a page asked for no size says what it chose
  return {
    elements: all.length - items.length - options - canvases - fitNote,
    scripts: document.scripts.length,
    risky: document.querySelectorAll('img, iframe, object, embed, base, form, svg, math, meta[http-equiv], link[rel=import]').length,
    handlers: all.filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on') || /^\s*javascript:/i.test(a.value))).length,
    noticeItems: items.map((li) => li.textContent ?? ''),
    noticeVisible: !document.getElementById('notice')!.hidden,
    status: document.getElementById('status')?.textContent ?? '',
    address: location.search,
  };
}

const CENSUS_PREFIX = 'mg-gate-census ';

/**
 * Each page load reports its census on the console as soon as the page has read its address
 * (ADDRESS_READ_EVENT: the URL read, the address rewritten, the notice shown; the app's bundle loads
 * after DOMContentLoaded); a page.evaluate() would wait behind the views' start (a second of WebGL
 * set-up in SwiftShader here).
 */
async function reportCensusOnLoad(page: Page): Promise<() => Promise<Census>> {
  await page.addInitScript(`document.addEventListener(${JSON.stringify(ADDRESS_READ_EVENT)}, () => console.debug(${JSON.stringify(CENSUS_PREFIX)} + JSON.stringify((${takeCensus.toString()})())))`);
  return () =>
    page
      .waitForEvent('console', { predicate: (m) => m.text().startsWith(CENSUS_PREFIX), timeout: 30_000 })
      .then((m) => JSON.parse(m.text().slice(CENSUS_PREFIX.length)) as Census);
}

/** The address without its `n` when the page chose the size itself. */
function withoutSize(address: string, sized: boolean): string {
  if (!sized) return address;
  const params = new URLSearchParams(address);
  params.delete('n');
  return params.toString();
}

type Outcome = { kind: 'accepted' | 'rejected' } | { kind: 'crashed'; why: string };

async function tryQuery(page: Page, nextCensus: () => Promise<Census>, errors: string[], base: Census, search: string, run: boolean): Promise<Outcome> {
  errors.length = 0;
  const expected = parseUrlState(search);
  try {
    const loaded = nextCensus();
    await page.goto(`${inject('baseUrl')}/${search}`, { waitUntil: 'commit' });
    let seen = await loaded;
    const problems: string[] = [];
    if (run) {
      await waitRunning(page, 60_000);
      const status = await waitForStatus(page, () => true, 30_000, 'the first status line');
      if (Math.abs(status.mgOutMM - expected.state.mgOutMM) > 0.0051) problems.push(`runs at ${status.mgOutMM} mM, not ${expected.state.mgOutMM}`);
      seen = await page.evaluate(takeCensus);
    }
    problems.push(...errors);
    if (/NaN|Infinity|undefined|null/.test(seen.status)) problems.push(`status line: ${seen.status}`);
    for (const name of ['elements', 'scripts', 'risky', 'handlers'] as const) {
      if (seen[name] !== base[name]) problems.push(`${name}: ${seen[name]}, clean page ${base[name]}`);
    }
    // A running page asked for no size has been sized to the device (src/core/fitDevice.ts) and
    // says so in its address; every other parameter must read as asked.
    const sized = run && !new URLSearchParams(search).has('n');
    if (withoutSize(seen.address, sized) !== withoutSize(formatUrlState(expected.state), sized)) problems.push(`the address reads ${seen.address.slice(0, 120)}`);
    if (expected.problems.length === 0) {
      // a sheet fitted smaller than the default says so in the notice too (src/ui/app.ts fitThenBuild)
      const fittedNotice = sized && seen.noticeItems.length > 0 && seen.noticeItems.every((line) => /^Sized to [\d,]+ neurons/.test(line));
      if (seen.noticeVisible && !fittedNotice) problems.push(`a notice for a good URL: ${seen.noticeItems.join(' | ').slice(0, 200)}`);
    } else {
      const lines = describeProblems(expected.problems, expected.state).lines;
      if (!seen.noticeVisible || seen.noticeItems.join('\n') !== lines.join('\n')) {
        problems.push(`notice ${JSON.stringify(seen.noticeItems).slice(0, 300)}, expected ${JSON.stringify(lines).slice(0, 300)}`);
      }
    }
    if (problems.length > 0) return { kind: 'crashed', why: problems.join('; ') };
    return { kind: expected.problems.length === 0 ? 'accepted' : 'rejected' };
  } catch (error) {
    return { kind: 'crashed', why: `${(error as Error).message.slice(0, 300)}; ${errors.join('; ')}` };
  }
}

describe('fuzzing the URL in Chromium', () => {
  it(`answers ${URLS} seeded URLs: the scene asked for, or every refused parameter named and the defaults`, { timeout: 1_500_000 }, async () => {
    const searches = [...RAW_QUERIES, ...fc.sample(query, { seed: SEED, numRuns: URLS - RAW_QUERIES.length })];
    // a small window: headless Chromium draws WebGL on the CPU (SwiftShader), and pixels cost time
    const { page, errors, close } = await browser.open('/?n=500', { viewport: { width: 320, height: 240 } });
    try {
      const nextCensus = await reportCensusOnLoad(page);
      const loaded = nextCensus();
      await page.reload();
      const base = await loaded;
      expect(base.noticeVisible).toBe(false);
      await waitRunning(page);
      await waitForStatus(page, () => true, 30_000, 'the first status line');
      for (const name of ['elements', 'scripts', 'risky', 'handlers'] as const) expect((await page.evaluate(takeCensus))[name], name).toBe(base[name]);
      const counts = { accepted: 0, rejected: 0, crashed: 0 };
      const crashes: string[] = [];
      const t0 = Date.now();
      for (const [k, search] of searches.entries()) {
        const outcome = await tryQuery(page, nextCensus, errors, base, search, k % RUN_EVERY === 0);
        counts[outcome.kind]++;
        if (outcome.kind === 'crashed' && crashes.length < 5) {
          crashes.push(`${search.slice(0, 200)} → ${outcome.why}`);
          console.log(`URL fuzz crash ${crashes.length}: ${crashes[crashes.length - 1]}`);
        }
      }
      const seconds = ((Date.now() - t0) / 1000).toFixed(0);
      const ran = Math.ceil(searches.length / RUN_EVERY);
      console.log(`URL fuzz (seed ${SEED}): ${searches.length} URLs (${ran} run to the status line) in ${seconds} s, ${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.crashed} crashed`);
      expect(crashes).toEqual([]);
      expect(searches.length).toBeGreaterThanOrEqual(200);
      // both outcomes are exercised, or the generator has gone blind
      expect(counts.accepted).toBeGreaterThan(10);
      expect(counts.rejected).toBeGreaterThan(100);
    } finally {
      await close();
    }
  });
});

/** A saved sheet file as data, for a test to spoil. */
function sheetFile(): Record<string, any> {
  return JSON.parse(formatParamsFile(paramsFileOf(presetConfig('sheet'), 1)));
}

async function loadFile(page: Page, data: unknown): Promise<void> {
  await page.locator('#import-file').setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
}

/** The running network's parameter file, as the page exports it. */
async function exported(page: Page): Promise<Record<string, any>> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Parameters (JSON)' }).click()]);
  return JSON.parse(readFileSync((await file.path())!, 'utf8'));
}

describe('parameter files through the real file input', () => {
  it('a refused file changes nothing: speed 100 with n 700, seed 99, exc.gAmpaNS 3, then 800 typed in Neurons', async () => {
    const { page, errors, close } = await browser.open('/?n=600&seed=4', { acceptDownloads: true });
    try {
      await waitRunning(page);
      const before = new URL(page.url()).search;
      const data = sheetFile();
      Object.assign(data.config, { neurons: 700, seed: 99 });
      data.config.exc.gAmpaNS = 3;
      data.page.speed = 100;
      await loadFile(page, data);
      await expect.poll(() => page.locator('#import-error').textContent()).toBe(`Not loaded: page.speed = 100 is not allowed: expected ${formatRange(USER_RANGES.speed)}`);
      expect(new URL(page.url()).search).toBe(before);

      const neurons = page.getByLabel('Neurons', { exact: true });
      await neurons.fill('800');
      await neurons.press('Enter');
      await expect.poll(() => new URL(page.url()).search).toBe('?preset=sheet&mg=1.2&k=3.5&ca=2&ions=on&seed=4&n=800&speed=1');
      await waitRunning(page);
      const built = await exported(page);
      expect(built.config.neurons).toBe(800);
      expect(built.config.seed).toBe(4);
      expect(built.config.exc.gAmpaNS).toBe(presetConfig('sheet').exc.gAmpaNS);
      expect(built.page.speed).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a file the URL would refuse is refused, naming every bad field; a good one loads and its URL reloads whole', async () => {
    const { page, errors, close } = await browser.open('/?n=600&seed=4');
    try {
      await waitRunning(page);
      const before = new URL(page.url()).search;
      const bad = sheetFile();
      bad.config.neurons = 150_000;
      bad.page = { speed: 9, zoom: 2 };
      await loadFile(page, bad);
      await expect.poll(() => page.locator('#import-error').textContent()).toBe(
        'Not loaded (3 problems): ' +
          [
            `config.neurons = 150000 is not allowed: expected ${formatRange(USER_RANGES.neurons)}`,
            `page.speed = 9 is not allowed: expected ${formatRange(USER_RANGES.speed)}`,
            'page.zoom = 2 is not allowed: expected one of the known fields: speed',
          ].join('; '),
      );
      await loadFile(page, { ...sheetFile(), page: 'x' });
      await expect.poll(() => page.locator('#import-error').textContent()).toContain('page = x is not allowed: expected an object');
      expect(new URL(page.url()).search).toBe(before);
      expect(await page.getByLabel('Neurons', { exact: true }).inputValue()).toBe('600');

      const good = sheetFile();
      Object.assign(good.config, { neurons: 900, seed: 5 });
      good.config.live.mgOutMM = 1.984;
      good.page.speed = 0.5;
      await loadFile(page, good);
      const expected = '?preset=sheet&mg=1.984&k=3.5&ca=2&ions=on&seed=5&n=900&speed=0.5';
      await expect.poll(() => new URL(page.url()).search).toBe(expected);
      expect(await page.locator('#import-error').isHidden()).toBe(true);
      await waitRunning(page);
      await page.reload();
      await waitRunning(page);
      expect(new URL(page.url()).search).toBe(expected);
      expect(await page.locator('#notice').isHidden()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
