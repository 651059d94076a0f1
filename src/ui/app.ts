/**
 * The live page: reads the scene from the URL, builds the network in the worker, and runs one loop
 * per animation frame — pull a frame from the worker, hand it to the views, draw, and now and then
 * update the status line and the URL. The views only draw; the worker only simulates; this file
 * wires them to the controls.
 */
import { SimClient } from '../client/simClient';
import { withNeurons, presetConfig } from '../core/presets';
import type { NetworkConfig } from '../core/params';
import type { CreateResult, Frame } from '../protocol/types';
import { colormapCss } from '../render/colormap';
import { RAW_GLOW, REDUCED_MOTION_GLOW, SAFE_GLOW } from '../render/glowFilter';
import { Stage } from '../render/stage';
import type { ViewName } from '../render/stage';
import type { ViewRect } from '../render/theme';
import { Controls } from './controls';
import { LatestOnly } from './latest';
import { Notice } from './notice';
import { FpsMeter, formatStatus, STATUS_INTERVAL_MS } from './status';
import { defaultState, formatUrlState, parseUrlState } from './urlState';
import type { PageState } from './urlState';

/** Window of the "rate" in the status line, simulated ms. */
const STATUS_RATE_WINDOW_MS = 2000;
/**
 * Worker time one frame's chunk may take, ms. It only binds when the machine cannot keep real time:
 * then a larger chunk keeps the worker busier between animation frames (measured here: about twice
 * the simulated time per second of 30 ms, at the same fps), while a slider move still shows within
 * two chunks (≈ 100 ms + a frame).
 */
const MAX_STEP_MS_PER_PULL = 50;
/** The URL is rewritten at most this often while a control is dragged, ms. */
const URL_INTERVAL_MS = 300;

type Phase = 'loading' | 'building' | 'running' | 'error';

export interface AppOptions {
  /** makes the simulation client (tests may pass one with a different worker) */
  createClient?: () => SimClient;
}

export class App {
  private readonly doc: Document;
  private readonly win: Window;
  private readonly notice: Notice;
  private readonly controls: Controls;
  private readonly client: SimClient;
  private readonly fps = new FpsMeter();
  private readonly mgSender: LatestOnly<number>;
  private stage: Stage | null = null;
  private state: PageState;
  private built: CreateResult | null = null;
  private building = false;
  /** bumped by every build; only the latest one may finish the building state */
  private buildSeq = 0;
  private lastFrame: Frame | null = null;
  private lastDrawMs = 0;
  private lastStatusMs = -Infinity;
  private urlTimer: number | null = null;
  private raw = false;
  private readonly reducedMotion: MediaQueryList;
  private readonly viewsHost: HTMLElement;

  constructor(win: Window, options: AppOptions = {}) {
    this.win = win;
    this.doc = win.document;
    this.notice = new Notice(this.doc);
    this.viewsHost = this.doc.getElementById('views')!;
    this.reducedMotion = win.matchMedia('(prefers-reduced-motion: reduce)');

    const { state, problems } = parseUrlState(win.location.search);
    this.state = state;
    if (problems.length > 0) {
      this.notice.show(
        problems.length === 1 ? 'A parameter in the address was not used:' : 'Some parameters in the address were not used:',
        problems.map((p) => (isDuplicate(p.range) ? `${p.message}.` : `${p.message} — using ${describeDefault(p.field, state)}.`)),
      );
    }

    this.client = options.createClient?.() ?? new SimClient({ maxStepMsPerPull: MAX_STEP_MS_PER_PULL });
    this.client.setSpeed(state.speed);
    this.client.onStatus((status) => {
      if (status.kind === 'dead') {
        this.setPhase('error');
        this.setStatusText('Stopped: the simulation worker died (see the notice above).');
        this.notice.show('The simulation stopped.', [status.message], { kind: 'error', onRestart: () => void this.restart() });
      } else if (status.kind === 'restarted') {
        this.notice.hide();
      } else {
        this.notice.show('The simulation reported a problem.', [status.message], { kind: 'error' });
      }
    });

    this.mgSender = new LatestOnly<number>(
      (mgOutMM) => this.client.setLive({ mgOutMM }),
      (error) => this.notice.show('[Mg]o could not be changed.', [messageOf(error)], { kind: 'error' }),
    );

    this.controls = new Controls(this.doc, {
      onMg: (mgOutMM) => {
        this.state.mgOutMM = mgOutMM;
        if (this.built) this.mgSender.push(mgOutMM);
        this.scheduleUrl();
      },
      onPlayPause: () => this.setPaused(!this.client.paused),
      onReset: () => void this.rebuild('reset'),
      onSpeed: (speed) => {
        this.state.speed = speed;
        this.client.setSpeed(speed);
        this.scheduleUrl();
      },
      onPreset: (preset) => {
        const defaults = defaultState(preset);
        this.state = { ...this.state, preset, neurons: defaults.neurons };
        this.controls.show(this.state);
        void this.rebuild('create');
      },
      onNeurons: (neurons) => {
        this.state.neurons = neurons;
        void this.rebuild('create');
      },
      onSeed: (seed) => {
        this.state.seed = seed;
        void this.rebuild('seed');
      },
      onRawFlashes: (raw) => {
        this.raw = raw;
        this.applyMotion();
      },
    });
    this.controls.show(this.state);
    this.controls.setPaused(false);
    this.reducedMotion.addEventListener('change', () => this.applyMotion());
    this.paintLegends();
    this.writeUrl();
  }

  /** Starts the views and the first network, then the frame loop. */
  async start(): Promise<void> {
    this.setPhase('building');
    const resolution = this.win.devicePixelRatio || 1;
    this.stage = await Stage.create(this.viewsHost, resolution);
    this.viewsHost.prepend(this.stage.canvas);
    this.stage.canvas.setAttribute('aria-hidden', 'true');
    this.applyMotion();
    this.observeLayout();
    this.win.requestAnimationFrame((t) => this.frame(t));
    await this.rebuild('create');
  }

  // ---------------------------------------------------------------- network

  private configOf(state: PageState): NetworkConfig {
    const config = withNeurons(presetConfig(state.preset), state.neurons);
    config.seed = state.seed;
    config.live = { ...config.live, mgOutMM: state.mgOutMM };
    return config;
  }

  /** Builds (create), rebuilds with a new seed (seed) or restarts the same network (reset). */
  private async rebuild(how: 'create' | 'seed' | 'reset'): Promise<void> {
    const seq = ++this.buildSeq;
    this.building = true;
    this.controls.setBuilding(true);
    this.setPhase('building');
    this.setStatusText(`Building the network: ${this.state.neurons.toLocaleString('en')} neurons…`);
    this.writeUrl();
    try {
      const created =
        how === 'create' || !this.built
          ? await this.client.create(this.configOf(this.state))
          : await this.client.reset(how === 'seed' ? this.state.seed : undefined);
      if (seq !== this.buildSeq) return; // a later build supersedes this one
      this.adopt(created);
      // a slider moved during the build is applied now
      if (created.live.mgOutMM !== this.state.mgOutMM) this.mgSender.push(this.state.mgOutMM);
      this.setPhase('running');
    } catch (error) {
      if (seq !== this.buildSeq) return;
      this.setPhase('error');
      this.notice.show('The network could not be built.', [messageOf(error)], {
        kind: 'error',
        onRestart: this.built ? () => void this.restart() : undefined,
      });
      this.setStatusText(`Not running: ${messageOf(error)}`);
    } finally {
      if (seq === this.buildSeq) {
        this.building = false;
        this.controls.setBuilding(false);
      }
    }
  }

  private async restart(): Promise<void> {
    const seq = ++this.buildSeq;
    this.building = true;
    this.setPhase('building');
    try {
      const created = await this.client.restart();
      if (seq !== this.buildSeq) return;
      this.adopt(created);
      this.setPhase('running');
    } catch (error) {
      if (seq !== this.buildSeq) return;
      this.setPhase('error');
      this.notice.show('The simulation could not be restarted.', [messageOf(error)], { kind: 'error' });
    } finally {
      if (seq === this.buildSeq) this.building = false;
    }
  }

  private adopt(created: CreateResult): void {
    this.built = created;
    this.lastFrame = null;
    this.stage?.configure(created);
    const rows = this.stage?.raster.shownRows;
    const rowsText = this.doc.getElementById('raster-rows');
    if (rows && rowsText) {
      rowsText.textContent =
        rows.rows < rows.neurons ? `${rows.rows} of ${rows.neurons.toLocaleString('en')} neurons shown` : `all ${rows.neurons} neurons`;
    }
    this.lastStatusMs = -Infinity;
  }

  private setPaused(paused: boolean): void {
    this.client.setPaused(paused);
    this.controls.setPaused(paused);
    this.lastStatusMs = -Infinity;
  }

  // ---------------------------------------------------------------- frame loop

  private frame(nowMs: number): void {
    this.win.requestAnimationFrame((t) => this.frame(t));
    const dtMs = this.lastDrawMs === 0 ? 0 : nowMs - this.lastDrawMs;
    this.lastDrawMs = nowMs;
    this.fps.tick(nowMs);
    if (!this.building && this.built) {
      this.client.pull().then(
        (frame) => {
          if (frame && !this.building) this.ingest(frame);
        },
        () => {
          /* a dead worker is reported through onStatus */
        },
      );
    }
    this.stage?.draw(this.client.paused ? 0 : dtMs);
    if (nowMs - this.lastStatusMs >= STATUS_INTERVAL_MS) {
      this.lastStatusMs = nowMs;
      this.updateStatus(nowMs);
    }
  }

  private ingest(frame: Frame): void {
    this.lastFrame = frame;
    this.stage?.ingest(frame);
  }

  private updateStatus(nowMs: number): void {
    const frame = this.lastFrame;
    if (this.building || !this.built || !this.stage || this.doc.documentElement.dataset.phase === 'error') return;
    const history = this.stage.rate.history;
    this.setStatusText(
      formatStatus({
        timeMs: frame ? frame.endStep * frame.dtMs : 0,
        mgOutMM: frame ? frame.live.mgOutMM : this.built.live.mgOutMM,
        rateHz: history.meanRate(STATUS_RATE_WINDOW_MS),
        bursts: frame ? frame.analysis.bursts : 0,
        realtimeFactor: this.client.realtimeFactor,
        fps: this.fps.fps(nowMs),
        paused: this.client.paused,
      }),
    );
  }

  private setStatusText(text: string): void {
    const status = this.doc.getElementById('status');
    if (status && status.textContent !== text) status.textContent = text;
  }

  private setPhase(phase: Phase): void {
    this.doc.documentElement.dataset.phase = phase;
  }

  // ---------------------------------------------------------------- display

  /** Raw flashes only when asked for; otherwise safe, or gentler still with reduced motion. */
  private applyMotion(): void {
    const reduced = this.reducedMotion.matches;
    this.stage?.setGlow(this.raw ? RAW_GLOW : reduced ? REDUCED_MOTION_GLOW : SAFE_GLOW);
    this.stage?.setReducedMotion(reduced);
    const note = this.doc.getElementById('motion-note');
    if (note) note.hidden = !reduced;
  }

  private paintLegends(): void {
    const bar = this.doc.getElementById('sheet-colorbar');
    if (bar) {
      const stops = [0, 0.25, 0.5, 0.75, 1].map((u) => `${colormapCss(u)} ${u * 100}%`);
      bar.style.background = `linear-gradient(to right, ${stops.join(', ')})`;
    }
  }

  /** Keeps the canvas the size of the views area and each view on its slot. */
  private observeLayout(): void {
    const relayout = (): void => {
      const stage = this.stage;
      if (!stage) return;
      const host = this.viewsHost.getBoundingClientRect();
      const rects = {} as Record<ViewName, ViewRect>;
      for (const name of ['sheet', 'raster', 'rate'] as const) {
        const slot = this.viewsHost.querySelector<HTMLElement>(`[data-view="${name}"]`)!.getBoundingClientRect();
        rects[name] = { x: slot.left - host.left, y: slot.top - host.top, width: slot.width, height: slot.height };
      }
      stage.layout(host.width, host.height, this.win.devicePixelRatio || 1, rects);
      stage.draw(0);
    };
    new ResizeObserver(relayout).observe(this.viewsHost);
    // moving the window to a screen of another pixel density changes devicePixelRatio
    const watchDensity = (): void => {
      this.win
        .matchMedia(`(resolution: ${this.win.devicePixelRatio}dppx)`)
        .addEventListener('change', () => {
          relayout();
          watchDensity();
        }, { once: true });
    };
    watchDensity();
    relayout();
  }

  // ---------------------------------------------------------------- URL

  private writeUrl(): void {
    if (this.urlTimer !== null) {
      this.win.clearTimeout(this.urlTimer);
      this.urlTimer = null;
    }
    const query = formatUrlState(this.state);
    if (this.win.location.search !== query) this.win.history.replaceState(null, '', query + this.win.location.hash);
  }

  private scheduleUrl(): void {
    if (this.urlTimer !== null) return;
    this.urlTimer = this.win.setTimeout(() => {
      this.urlTimer = null;
      this.writeUrl();
    }, URL_INTERVAL_MS);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isDuplicate(range: unknown): boolean {
  return typeof range === 'string' && range.startsWith('given once');
}

function describeDefault(field: string, state: PageState): string {
  switch (field) {
    case 'mg':
      return `${state.mgOutMM} mM`;
    case 'seed':
      return `seed ${state.seed}`;
    case 'n':
      return `${state.neurons} neurons`;
    case 'speed':
      return `${state.speed}×`;
    case 'preset':
      return `the ${state.preset} preset`;
    default:
      return 'the defaults';
  }
}

/** Starts the page; errors before the first frame are shown, not swallowed. */
export async function startApp(win: Window = window): Promise<App> {
  const app = new App(win);
  await app.start();
  return app;
}
