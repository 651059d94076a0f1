/**
 * Browser render bench (issue 7 item 2): the live page in headless Chromium at 10,000 and 100,000
 * neurons: idle (1.2 mM), bursting (0 mM) at 1× and at 2× speed (what the page can hold), and the
 * paused, settled page (render skipped).
 *
 *   npm run bench:browser                          # 10k and 100k, 3 runs, 5 s windows (≈ 7 min)
 *   npm run bench:browser -- --quick               # 10k only, 2 runs, short windows (≈ 1.5 min)
 *   npm run bench:browser -- --sizes 100000 --runs 5 --window-ms 8000 --no-paused
 *
 * The page is built with Vite (the production bundle, into a temporary folder) and served by
 * `vite preview` on a free localhost port with the project's COOP/COEP headers; Debian's Chromium
 * runs it through playwright-core with the flags of tests/chromium.ts (WebGL2 through SwiftShader).
 * Each case is a fresh page at `?preset=sheet&n=N&mg=M`: wait until the network is built and running
 * (the build time is recorded), turn the performance overlay on, warm up (and at 0 mM wait for the
 * first burst), then one requestAnimationFrame window measured inside the page. Runs alternate the
 * cases (run 1: every case, run 2: every case, …) so that a change in the machine's load falls on
 * all of them. Reported per case: medians over the runs with min–max. Results go to
 * bench/results/browser-<timestamp>.json (git-ignored); screenshots of the first run to /tmp.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';
import { CHROMIUM_PATH } from '../tests/chromium';
import { launchChromium, openPage, regionStats, viewBoxes, waitForStatus, waitRunning } from '../tests/e2e/support';
import type { RegionStats } from '../tests/e2e/support';
import { cpuCores, cpuSnapshot } from './lib/browserCpu';
import type { CpuCores } from './lib/browserCpu';
import { FRAME_TRACE_CATEGORIES, measureWindow, median, presentedFrames, summarise } from './lib/browserMeasure';
import type { PresentedFigures, WindowFigures } from './lib/browserMeasure';
import { measureMgLatency, startMarks, waitFirstFrameS } from './lib/browserPage';
import type { MgLatency } from './lib/browserPage';

const INSTALL = 'apt-get update && apt-get install -y chromium';
const VIEWPORT = { width: 1280, height: 800 };

// ------------------------------------------------------------------ options

const USAGE =
  'npm run bench:browser -- [--quick] [--sizes 10000,100000] [--runs 3] [--window-ms 5000] [--no-paused] [--no-trace] [--shots-dir DIR] [--out FILE]';

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        sizes: { type: 'string' },
        runs: { type: 'string' },
        'window-ms': { type: 'string' },
        'no-paused': { type: 'boolean', default: false },
        'no-trace': { type: 'boolean', default: false },
        'shots-dir': { type: 'string', default: join(tmpdir(), 'mg-browser-bench') },
        out: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
}
const args = parseOptions();

if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

function positiveInt(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) usageError(`--${what} must be a positive integer, got ${text}`);
  return n;
}

const quick = args.quick ?? false;
const sizes = (args.sizes ?? (quick ? '10000' : '10000,100000')).split(',').map((s) => positiveInt(s.trim(), 0, 'sizes'));
for (const n of sizes) if (n < 100 || n > 100_000) usageError(`--sizes: the page allows 100 to 100,000 neurons, got ${n}`);
const runs = positiveInt(args.runs, quick ? 2 : 3, 'runs');
const windowMs = positiveInt(args['window-ms'], quick ? 2500 : 5000, 'window-ms');
const withPaused = !(args['no-paused'] ?? false);
const withTrace = !(args['no-trace'] ?? false);
/** The traced window for presented frames follows the requestAnimationFrame window (tracing costs a little). */
const traceMs = Math.min(windowMs, quick ? 2000 : 3000);
const shotsDir = resolve(args['shots-dir'] ?? join(tmpdir(), 'mg-browser-bench'));

/** Wall time to let the page run after it is built, before any window: longer for big sheets. */
function warmupMs(n: number): number {
  const base = n >= 50_000 ? 6000 : 3000;
  return quick ? base / 2 : base;
}
/** At 0 mM: the first burst must be detected within this long after the build. */
function burstTimeoutMs(n: number): number {
  return n >= 50_000 ? 120_000 : 45_000;
}
const PAUSE_SETTLE_MS = 4000;
/** [Mg]o changes measured per case, after the window. */
const mgChanges = quick ? 4 : 8;

// ------------------------------------------------------------------ cases

/**
 * idle 1.2 mM and bursting 0 mM at the page's 1× speed (which caps the real-time factor at 1);
 * fast: bursting at LECTURE_SPEED×, which asks for more than real time — its RT × is what the page
 * can hold (issue 17's target: ≥ 1.5× at the frame rate of 1×); paused: the idle page paused.
 */
type Kind = 'idle' | 'bursting' | 'fast' | 'paused';
/** The speed of the fast case (one of the speed menu's values). */
const LECTURE_SPEED = 2;
const KINDS: readonly Kind[] = ['idle', 'bursting', 'fast', 'paused'];

interface CaseResult {
  run: number;
  neurons: number;
  kind: Kind;
  mgMM: number;
  url: string;
  /** page load to data-phase="running" (module load, WebGL init, network build in the worker), ms */
  buildMs: number;
  /** the page's own mark: navigation start to the first drawn frame with simulated time > 0, s */
  firstFrameS: number;
  /** the page's start-up marks (src/ui/perfOverlay.ts PAGE_MARKS), ms after navigation start */
  marks: Record<string, number>;
  /** [Mg]o slider changes to the first drawn frame carrying them, measured by the page (after the window) */
  mgLatency?: MgLatency;
  /** wall time from "running" to the start of the window, ms */
  warmupMs: number;
  /** at 0 mM: whether the status line had counted a burst before the window (else it timed out waiting) */
  burstSeen?: boolean;
  figures: WindowFigures;
  /** presented/dropped frames from a short trace after the window (absent with --no-trace) */
  presented?: PresentedFigures;
  cpu: CpuCores;
  screenshot?: { path: string; sheet: RegionStats };
  errors: string[];
}

const results: CaseResult[] = [];

function caseLabel(n: number, kind: Kind): string {
  return `${n.toLocaleString('en')} ${kind === 'fast' ? `bursting ${LECTURE_SPEED}×` : kind}`;
}

async function measureCase(browser: Browser, baseUrl: string, run: number, n: number, kind: 'idle' | 'bursting' | 'fast'): Promise<void> {
  const mg = kind === 'idle' ? 1.2 : 0;
  const url = `${baseUrl}/?preset=sheet&n=${n}&mg=${mg}${kind === 'fast' ? `&speed=${LECTURE_SPEED}` : ''}`;
  const t0 = performance.now();
  const { page, errors, close } = await openPage(browser, url, { viewport: VIEWPORT });
  try {
    await waitRunning(page, 180_000);
    const builtAt = performance.now();
    const firstFrame = await waitFirstFrameS(page, 180_000);
    const marks = await startMarks(page);
    // The overlay's checkbox is below the views: checking it scrolls the page, so scroll back —
    // a canvas out of view is not composited, which would flatter the frame times.
    await page.locator('#perf-toggle').check();
    await page.evaluate(() => window.scrollTo(0, 0));
    const sheetBox = await page.locator('[data-view="sheet"]').boundingBox();
    if (!sheetBox || sheetBox.y < 0 || sheetBox.y + sheetBox.height > VIEWPORT.height) {
      throw new Error(`the sheet view is not inside the ${VIEWPORT.width}×${VIEWPORT.height} viewport: ${JSON.stringify(sheetBox)}`);
    }
    await waitForStatus(page, (s) => s.timeS > 0.1, 120_000, `the ${n} network to run`);
    await page.waitForTimeout(warmupMs(n));
    let burstSeen: boolean | undefined;
    if (kind !== 'idle') {
      // At 100k the page runs far below real time here, so the first burst can take minutes of wall
      // time; measure anyway after the timeout (0 mM from the start: the sheet is in the bursting
      // regime either way) and record that no burst had been counted yet.
      burstSeen = await waitForStatus(page, (s) => s.bursts >= 1, burstTimeoutMs(n), `the first burst at ${n} neurons, 0 mM`).then(
        () => true,
        (error: unknown) => {
          console.warn(`  (${error instanceof Error ? error.message : String(error)}; measuring anyway)`);
          return false;
        },
      );
      await page.waitForTimeout(1000);
    }
    const warm = performance.now() - builtAt;

    const before = cpuSnapshot();
    const raw = await measureWindow(page, windowMs);
    const cpu = cpuCores(before, cpuSnapshot());
    const figures = summarise(raw);
    const presented = withTrace ? await tracePresented(browser, page, traceMs) : undefined;
    const mgLatency = await measureMgLatency(page, mgChanges);

    let screenshot: CaseResult['screenshot'];
    if (run === 1) {
      mkdirSync(shotsDir, { recursive: true });
      const path = join(shotsDir, `${n}-${kind}.png`);
      const buffer = await page.screenshot({ path });
      const boxes = await viewBoxes(page);
      screenshot = { path, sheet: regionStats(PNG.sync.read(buffer), boxes.sheet) };
    }
    results.push({
      run,
      neurons: n,
      kind,
      mgMM: mg,
      url,
      buildMs: builtAt - t0,
      firstFrameS: firstFrame,
      marks,
      mgLatency,
      warmupMs: warm,
      burstSeen,
      figures,
      presented,
      cpu,
      screenshot,
      errors: [...errors],
    });
    report(results[results.length - 1]);

    if (kind === 'idle' && withPaused) {
      // Paused: once the glow has faded nothing changes and Stage.draw skips the render.
      await page.getByRole('button', { name: 'Pause the simulation' }).click();
      await page.waitForTimeout(PAUSE_SETTLE_MS);
      const pausedWindow = Math.min(windowMs, 3000);
      const b = cpuSnapshot();
      const rawPaused = await measureWindow(page, pausedWindow);
      const cpuPaused = cpuCores(b, cpuSnapshot());
      const presentedPaused = withTrace ? await tracePresented(browser, page, traceMs) : undefined;
      results.push({
        run,
        neurons: n,
        kind: 'paused',
        mgMM: mg,
        url,
        buildMs: builtAt - t0,
        firstFrameS: firstFrame,
        marks,
        warmupMs: performance.now() - builtAt - pausedWindow,
        figures: summarise(rawPaused),
        presented: presentedPaused,
        cpu: cpuPaused,
        errors: [...errors],
      });
      report(results[results.length - 1]);
    }
  } finally {
    await close();
  }
}

async function tracePresented(browser: Browser, page: Page, ms: number): Promise<PresentedFigures> {
  await browser.startTracing(page, { categories: FRAME_TRACE_CATEGORIES });
  await page.waitForTimeout(ms);
  const trace = await browser.stopTracing();
  return presentedFrames(trace.toString('utf8'));
}

function report(r: CaseResult): void {
  const f = r.figures;
  console.log(
    `  run ${r.run} · ${caseLabel(r.neurons, r.kind).padEnd(16)} frame ${fmt(f.frameMedianMs)} ms (p95 ${fmt(f.frameP95Ms)}) · ${fmt(f.fps)} fps · ` +
      `presented ${fmt(r.presented?.presentedFps ?? Number.NaN)} fps · render ${fmt(f.renderMs)} ms · worker ${fmt(f.workerMsPerSimMs)} ms/sim ms${Number.isFinite(f.workerThreads) ? ` (${f.workerThreads} thr.)` : ''} · sim ${fmt(f.simSPerS, 2)} s/s · bursts ${f.burstsAtStart}→${f.burstsAtEnd} · ` +
      `CPU ${fmt(r.cpu.total, 2)} cores (main ${fmt(r.cpu.rendererMain, 2)}, worker ${fmt(r.cpu.worker, 2)}, gpu ${fmt(r.cpu.gpu, 2)}) · ` +
      `build ${fmt(r.buildMs / 1000)} s · first frame ${fmt(r.firstFrameS)} s${r.errors.length > 0 ? ` · ${r.errors.length} page errors` : ''}`,
  );
  if (r.kind === 'paused') return;
  console.log(
    `      split per worker frame: step ${fmt(f.stepMs)} · pack ${fmt(f.packMs)} · transfer/wait ${fmt(f.waitMs)} ms · worker idle ${fmt(f.workerIdlePct, 0)} % · ` +
      `page: ingest ${fmt(f.ingestMs)} · draw ${fmt(f.drawMs)} ms · busy ${fmt(f.mainBusyPct, 0)} %` +
      (r.mgLatency ? ` · [Mg]o→drawn median ${fmt(r.mgLatency.medianMs, 0)} ms, p95 ${fmt(r.mgLatency.p95Ms, 0)} ms (${r.mgLatency.changes} changes)` : ''),
  );
}

// ------------------------------------------------------------------ formatting

function fmt(x: number, digits?: number): string {
  if (!Number.isFinite(x)) return '–';
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toFixed(d);
}

/** "median (min–max)" over the runs, or the median alone for one run. */
function spread(values: number[], digits?: number): string {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return '–';
  const m = fmt(median(v), digits);
  if (v.length === 1) return m;
  return `${m} (${fmt(Math.min(...v), digits)}–${fmt(Math.max(...v), digits)})`;
}

interface Summary {
  neurons: number;
  kind: Kind;
  runs: number;
  median: Record<string, number>;
  min: Record<string, number>;
  max: Record<string, number>;
}

const SUMMARY_KEYS = [
  'frameMedianMs',
  'frameP90Ms',
  'frameP95Ms',
  'frameMaxMs',
  'fps',
  'presentedFps',
  'droppedShare',
  'renderMs',
  'workerMsPerSimMs',
  'statusRealtime',
  'simSPerS',
  'simAdvancedS',
  'rateHz',
  'spikesPerS',
  'longTasks',
  'longTaskMs',
  'burstsInWindow',
  'buildMs',
  'firstFrameS',
  'mgDrawnMedianMs',
  'mgDrawnP95Ms',
  'stepMs',
  'packMs',
  'waitMs',
  'workerIdlePct',
  'ingestMs',
  'drawMs',
  'mainBusyPct',
  'cpuTotal',
  'cpuRendererMain',
  'cpuWorker',
  'cpuGpu',
] as const;

function flat(r: CaseResult): Record<(typeof SUMMARY_KEYS)[number], number> {
  const f = r.figures;
  return {
    frameMedianMs: f.frameMedianMs,
    frameP90Ms: f.frameP90Ms,
    frameP95Ms: f.frameP95Ms,
    frameMaxMs: f.frameMaxMs,
    fps: f.fps,
    presentedFps: r.presented?.presentedFps ?? Number.NaN,
    droppedShare: r.presented?.droppedShare ?? Number.NaN,
    renderMs: f.renderMs,
    workerMsPerSimMs: f.workerMsPerSimMs,
    statusRealtime: f.statusRealtime,
    simSPerS: f.simSPerS,
    simAdvancedS: f.simAdvancedS,
    rateHz: f.rateHz,
    spikesPerS: f.spikesPerS,
    longTasks: f.longTasks,
    longTaskMs: f.longTaskMs,
    burstsInWindow: f.burstsAtEnd - f.burstsAtStart,
    buildMs: r.buildMs,
    firstFrameS: r.firstFrameS,
    mgDrawnMedianMs: r.mgLatency?.medianMs ?? Number.NaN,
    mgDrawnP95Ms: r.mgLatency?.p95Ms ?? Number.NaN,
    stepMs: f.stepMs,
    packMs: f.packMs,
    waitMs: f.waitMs,
    workerIdlePct: f.workerIdlePct,
    ingestMs: f.ingestMs,
    drawMs: f.drawMs,
    mainBusyPct: f.mainBusyPct,
    cpuTotal: r.cpu.total,
    cpuRendererMain: r.cpu.rendererMain,
    cpuWorker: r.cpu.worker,
    cpuGpu: r.cpu.gpu,
  };
}

function summarize(): Summary[] {
  const out: Summary[] = [];
  for (const n of sizes) {
    for (const kind of KINDS) {
      const rs = results.filter((r) => r.neurons === n && r.kind === kind);
      if (rs.length === 0) continue;
      const s: Summary = { neurons: n, kind, runs: rs.length, median: {}, min: {}, max: {} };
      for (const key of SUMMARY_KEYS) {
        const v = rs.map((r) => flat(r)[key]).filter((x) => Number.isFinite(x));
        s.median[key] = v.length > 0 ? median(v) : Number.NaN;
        s.min[key] = v.length > 0 ? Math.min(...v) : Number.NaN;
        s.max[key] = v.length > 0 ? Math.max(...v) : Number.NaN;
      }
      out.push(s);
    }
  }
  return out;
}

function table(): string {
  const head = [
    'case',
    'frame ms median',
    'p95',
    'rAF fps',
    'presented fps',
    'render ms',
    'worker ms/sim ms',
    'RT × (status)',
    'sim s in window',
    'bursts in window',
    'long tasks',
    'CPU cores main / worker / gpu',
    'build s',
    'first frame s',
    '[Mg]o→drawn ms median / p95',
    'worker step / pack / wait ms',
    'worker idle %',
    'page ingest / draw ms',
    'page busy %',
  ];
  const rows: string[][] = [];
  for (const n of sizes) {
    for (const kind of KINDS) {
      const rs = results.filter((r) => r.neurons === n && r.kind === kind).map(flat);
      if (rs.length === 0) continue;
      const col = (key: (typeof SUMMARY_KEYS)[number]): number[] => rs.map((r) => r[key]);
      const paused = kind === 'paused';
      rows.push([
        caseLabel(n, kind),
        spread(col('frameMedianMs')),
        spread(col('frameP95Ms')),
        spread(col('fps')),
        spread(col('presentedFps')),
        paused ? '(skipped)' : spread(col('renderMs')),
        paused ? '–' : spread(col('workerMsPerSimMs')),
        paused ? '–' : spread(col('statusRealtime')),
        paused ? '–' : spread(col('simAdvancedS'), 1),
        paused ? '–' : spread(col('burstsInWindow'), 0),
        spread(col('longTasks'), 0),
        `${fmt(median(col('cpuRendererMain')))} / ${fmt(median(col('cpuWorker')))} / ${fmt(median(col('cpuGpu')))}`,
        paused ? '–' : spread(col('buildMs').map((x) => x / 1000), 1),
        paused ? '–' : spread(col('firstFrameS')),
        paused ? '–' : `${fmt(median(col('mgDrawnMedianMs')), 0)} / ${fmt(median(col('mgDrawnP95Ms')), 0)}`,
        paused ? '–' : `${fmt(median(col('stepMs')))} / ${fmt(median(col('packMs')))} / ${fmt(median(col('waitMs')))}`,
        paused ? '–' : spread(col('workerIdlePct'), 0),
        `${fmt(median(col('ingestMs')))} / ${fmt(median(col('drawMs')))}`,
        spread(col('mainBusyPct'), 0),
      ]);
    }
  }
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

// ------------------------------------------------------------------ machine

function sh(command: string): string {
  try {
    return execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

// ------------------------------------------------------------------ main

if (!existsSync(CHROMIUM_PATH)) {
  console.error(`Chromium not found at ${CHROMIUM_PATH} (set MG_CHROMIUM to use another). Install Debian's package:\n  sudo sh -c '${INSTALL}'`);
  process.exit(1);
}

const root = process.cwd();
if (!existsSync(join(root, 'vite.config.ts')) || !existsSync(join(root, 'index.html'))) {
  console.error('Run the browser bench from the repository root: npm run bench:browser');
  process.exit(1);
}

const startedAt = new Date();
const loadStart = loadavg();
const commit = sh('git rev-parse --short HEAD');
/** tracked files that differ from the commit (the page is built from the working tree) */
const dirtyFiles = sh('git diff --name-only HEAD')
  .split('\n')
  .filter((line) => line !== '');

const outDir = mkdtempSync(join(tmpdir(), 'mg-browser-bench-dist-'));
let server: PreviewServer | null = null;
let browser: Browser | null = null;
let exitCode = 0;
let firstLoad: { firstFrameS: number; neurons: number; note: string; marks: Record<string, number> } | null = null;
try {
  console.log(`Building the page (vite build → ${outDir}) …`);
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview has no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const head = await fetch(`${baseUrl}/`);
  const coop = head.headers.get('cross-origin-opener-policy');
  const coep = head.headers.get('cross-origin-embedder-policy');
  if (coop !== 'same-origin' || coep !== 'require-corp') throw new Error(`vite preview does not send the isolation headers (COOP ${coop}, COEP ${coep})`);

  browser = await launchChromium();
  const chromiumVersion = browser.version();
  const cpuModel = cpus()[0]?.model ?? 'unknown';
  console.log(
    `Chromium ${chromiumVersion} · ${cpus().length} × ${cpuModel} · load ${loadStart.map((x) => x.toFixed(2)).join(' ')} · ` +
      `sizes ${sizes.join(', ')} · ${runs} runs · ${windowMs} ms windows · ${baseUrl}`,
  );

  // The renderer WebGL actually got (SwiftShader here), and cross-origin isolation, from a first page.
  const probe = await openPage(browser, `${baseUrl}/?preset=sheet&n=1000`, { viewport: VIEWPORT });
  let gl: { renderer: string; isolated: boolean } = { renderer: '', isolated: false };
  try {
    await waitRunning(probe.page, 120_000);
    gl = await probe.page.evaluate(() => {
      const c = document.createElement('canvas').getContext('webgl2');
      const ext = c?.getExtension('WEBGL_debug_renderer_info');
      return { renderer: c ? String(c.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : c.RENDERER)) : 'no WebGL2', isolated: crossOriginIsolated };
    });
  } finally {
    await probe.close();
  }
  console.log(`WebGL2: ${gl.renderer} · crossOriginIsolated ${gl.isolated}`);
  if (!gl.isolated) throw new Error('the page is not cross-origin isolated');

  // A first load that names no size: the page sizes the sheet to this device (src/core/fitDevice.ts).
  const fresh = await openPage(browser, `${baseUrl}/`, { viewport: VIEWPORT });
  try {
    const frameS = await waitFirstFrameS(fresh.page, 180_000);
    const note = (await fresh.page.locator('#fit-note').textContent({ timeout: 10_000 }).catch(() => null)) ?? '(no sizing note)';
    firstLoad = { firstFrameS: frameS, neurons: Number(new URL(fresh.page.url()).searchParams.get('n')), note, marks: await startMarks(fresh.page) };
    console.log(`First load (no n): first frame ${fmt(frameS)} s · ${note}`);
  } finally {
    await fresh.close();
  }

  for (let run = 1; run <= runs; run++) {
    for (const n of sizes) {
      for (const kind of ['idle', 'bursting', 'fast'] as const) {
        try {
          await measureCase(browser, baseUrl, run, n, kind);
        } catch (error) {
          exitCode = 1;
          console.error(`  run ${run} · ${caseLabel(n, kind)} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }

  const loadEnd = loadavg();
  console.log(`\nBrowser render bench · ${VIEWPORT.width}×${VIEWPORT.height} · medians of ${runs} runs (min–max) · load ${loadStart[0].toFixed(2)} → ${loadEnd[0].toFixed(2)}\n`);
  console.log(table());
  console.log(
    '\nframe ms, rAF fps: requestAnimationFrame intervals in the page; presented fps: frames that reached the screen (Chromium trace, ' +
      `${traceMs / 1000} s after the window);` +
      '\nrender ms: the page\'s own main-thread draw time (Stage.drawMs, overlay);' +
      '\nworker ms/sim ms: worker step + pack per simulated ms (overlay); RT ×: the status line; sim s in window: how far the status clock (0.1 s steps) moved;' +
      '\nCPU cores: CPU seconds per wall second of the renderer main thread, the simulation worker and the GPU process (SwiftShader);' +
      '\nfirst frame s: the page\'s mark, navigation start to the first drawn frame with simulated time > 0; [Mg]o→drawn: the page\'s measure, slider input to the draw' +
      `\nof the first frame carrying the new value (${mgChanges} changes per case, after the window); worker step / pack / wait: per worker frame (wait: the rest of the` +
      '\nround trip — transfer and waits on either thread); worker idle: its time between chunks; page ingest / draw: the main thread per worker frame / per animation frame.',
  );

  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = args.out ?? join(root, 'bench', 'results', `browser-${stamp}.json`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        bench: 'browser',
        startedAt: startedAt.toISOString(),
        commit,
        dirty: dirtyFiles.length > 0,
        dirtyFiles,
        chromium: { path: CHROMIUM_PATH, version: chromiumVersion, webgl: gl.renderer },
        node: process.version,
        viewport: VIEWPORT,
        cpu: { model: cpuModel, count: cpus().length },
        loadAverage: { start: loadStart, end: loadEnd },
        options: { sizes, runs, windowMs, traceMs: withTrace ? traceMs : 0, quick, paused: withPaused },
        firstLoad,
        summary: summarize(),
        results,
      },
      (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
      2,
    )}\n`,
  );
  console.log(`\nwrote ${file}${results.some((r) => r.screenshot) ? ` · screenshots in ${shotsDir}` : ''}`);
} catch (error) {
  exitCode = 1;
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  rmSync(outDir, { recursive: true, force: true });
}
process.exit(exitCode);
