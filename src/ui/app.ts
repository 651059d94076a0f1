/**
 * The live page: reads the scene from the URL, builds the network in the worker, and runs one loop
 * per animation frame — pull a frame from the worker, hand it to the views, draw, and now and then
 * update the status line and the URL. The views only draw; the worker only simulates; this file
 * wires them to the controls.
 */
import { SimClient } from '../client/simClient';
import { withNeurons, presetConfig } from '../core/presets';
import type { NetworkConfig } from '../core/params';
import { LIVE_RANGES } from '../core/params';
import type { CreateResult, Frame } from '../protocol/types';
import { colormapCss } from '../render/colormap';
import { RAW_GLOW, REDUCED_MOTION_GLOW, SAFE_GLOW } from '../render/glowFilter';
import { Stage } from '../render/stage';
import { VIEW_NAMES } from '../render/stage';
import type { ViewName } from '../render/stage';
import { THEME } from '../render/theme';
import type { ViewRect } from '../render/theme';
import { Controls } from './controls';
import { downloadBlob, downloadText } from './download';
import { ExperimentsPanel } from './experimentsPanel';
import { formatParamsFile, paramsFileOf, parseParamsFile, presetOfConfig } from './paramsFile';
import { formatPerf, PerfMeter } from './perfOverlay';
import { Presentation } from './presentation';
import { ProbePanel } from './probePanel';
import { sceneByKey } from './scenes';
import type { Scene } from './scenes';
import { ScenesPanel } from './scenesPanel';
import { installShortcuts } from './shortcuts';
import type { ShortcutAction } from './shortcuts';
import { SpikeRing, spikesCsv } from './spikeRing';
import { viewsPicture } from './viewsPicture';
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
/** A pull answered later than this (a 60 Hz frame, ms) is followed by the next one at once. */
const CHAIN_PULL_AFTER_MS = 1000 / 60;
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
  private readonly scenes: ScenesPanel;
  private readonly probes: ProbePanel;
  private readonly presentation: Presentation;
  private readonly experiments: ExperimentsPanel;
  private readonly perf = new PerfMeter();
  private readonly perfBox: HTMLElement;
  private readonly perfToggle: HTMLInputElement;
  private readonly spikes = new SpikeRing();
  /** a configuration loaded from a parameter file: built instead of the preset until the preset changes */
  private customConfig: NetworkConfig | null = null;
  /** the sheet's size when it was last chosen, for returning to it from COBA */
  private lastSheetNeurons: number;

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

    this.lastSheetNeurons = state.preset === 'sheet' ? state.neurons : defaultState('sheet').neurons;
    this.controls = new Controls(this.doc, {
      onMg: (mgOutMM) => this.applyMg(mgOutMM),
      onPlayPause: () => this.setPaused(!this.client.paused),
      onReset: () => void this.rebuild('reset'),
      onSpeed: (speed) => {
        this.state.speed = speed;
        this.client.setSpeed(speed);
        this.scheduleUrl();
      },
      onPreset: (preset) => {
        const defaults = defaultState(preset);
        this.customConfig = null;
        this.state = { ...this.state, preset, neurons: preset === 'sheet' ? this.lastSheetNeurons : defaults.neurons };
        this.controls.show(this.state);
        this.showScene();
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
    this.scenes = new ScenesPanel(this.doc, (scene) => this.applyScene(scene));
    this.probes = new ProbePanel(this.doc, (ids) => this.followProbes(ids));
    this.presentation = new Presentation(
      this.doc,
      (on) => {
        this.stage?.setFontSize(on ? 15 : THEME.fontSize);
        this.experiments.fontPx = on ? 17 : 13;
        this.experiments.redraw();
      },
      (text) => this.announce(text),
    );
    this.experiments = new ExperimentsPanel(this.doc, {
      client: this.client,
      liveConfig: () => this.currentConfig(),
      clampNeuron: () => this.probes.ids[0] ?? 0,
      seed: () => this.state.seed,
    });
    this.perfBox = this.doc.getElementById('perf')!;
    this.perfToggle = this.doc.getElementById('perf-toggle') as HTMLInputElement;
    this.perfToggle.addEventListener('change', () => this.setOverlay(this.perfToggle.checked));
    this.wireExports();
    this.wireShortcutsDialog();
    installShortcuts(this.doc, (action) => this.onShortcut(action));
    this.viewsHost.addEventListener('click', (event) => this.onViewsClick(event));
    this.controls.show(this.state);
    this.showScene();
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
    this.stage.setFontSize(this.presentation.presenting ? 15 : THEME.fontSize);
    this.stage.block.setMg(this.state.mgOutMM);
    this.observeLayout();
    this.win.requestAnimationFrame((t) => this.frame(t));
    await this.rebuild('create');
  }

  // ---------------------------------------------------------------- network

  private configOf(state: PageState): NetworkConfig {
    const base = this.customConfig ?? presetConfig(state.preset);
    const config = withNeurons(base, state.neurons);
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
      const fresh = how === 'create' || !this.built;
      const created = fresh
        ? await this.client.create(this.configOf(this.state))
        : await this.client.reset(how === 'seed' ? this.state.seed : undefined);
      if (seq !== this.buildSeq) return; // a later build supersedes this one
      this.adopt(created, !fresh);
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
      this.adopt(created, true);
      this.setPhase('running');
    } catch (error) {
      if (seq !== this.buildSeq) return;
      this.setPhase('error');
      this.notice.show('The simulation could not be restarted.', [messageOf(error)], { kind: 'error' });
    } finally {
      if (seq === this.buildSeq) this.building = false;
    }
  }

  private adopt(created: CreateResult, keepProbes = false): void {
    this.built = created;
    this.lastFrame = null;
    this.stage?.configure(created);
    this.spikes.clear(created.config.dtMs);
    if (this.state.preset === 'sheet') this.lastSheetNeurons = created.summary.neurons;
    this.probes.configure(created.summary.neurons, created.excitatory, keepProbes);
    this.stage?.setProbes(this.probes.ids);
    this.showScene();
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
    if (!this.building && this.built) this.pull();
    this.stage?.draw(this.client.paused ? 0 : dtMs);
    if (nowMs - this.lastStatusMs >= STATUS_INTERVAL_MS) {
      this.lastStatusMs = nowMs;
      this.updateStatus(nowMs);
      this.updateOverlay(nowMs);
      this.updateBlockMedian();
    }
  }

  /**
   * Asks the worker for the simulated time owed since the last pull. When the answer took longer
   * than a display frame, the worker (not the display) is what limits the simulation: the next
   * chunk is asked for at once, so the worker steps while this thread draws, instead of idling
   * until the next animation frame (which capped a slowly rendering page at a fraction of real
   * time). A fast worker is asked once per animation frame, as before.
   */
  private pull(): void {
    const askedMs = performance.now();
    this.client.pull().then(
      (frame) => {
        if (!frame || this.building) return;
        this.ingest(frame);
        if (performance.now() - askedMs > CHAIN_PULL_AFTER_MS && this.built) this.pull();
      },
      () => {
        /* a dead worker is reported through onStatus */
      },
    );
  }

  private ingest(frame: Frame): void {
    this.lastFrame = frame;
    this.stage?.ingest(frame);
    this.spikes.add(frame.spikeIds, frame.spikeSteps, frame.endStep);
    this.perf.add(frame, performance.now());
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
      for (const name of VIEW_NAMES) {
        const slot = this.viewsHost.querySelector<HTMLElement>(`[data-view="${name}"]`)!.getBoundingClientRect();
        rects[name] = { x: slot.left - host.left, y: slot.top - host.top, width: slot.width, height: slot.height };
      }
      stage.layout(host.width, host.height, this.win.devicePixelRatio || 1, rects);
      stage.draw(0);
    };
    const observer = new ResizeObserver(relayout);
    observer.observe(this.viewsHost);
    // a slot can change size on its own (the probe list above the probe view), so each is watched
    for (const slot of Array.from(this.viewsHost.querySelectorAll<HTMLElement>('[data-view]'))) observer.observe(slot);
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

  // ---------------------------------------------------------------- teaching

  /** Sets [Mg]o from any control (slider, keys, presets): live, no rebuild. */
  private applyMg(mgOutMM: number): void {
    const range = LIVE_RANGES.mgOutMM;
    const mg = Math.min(range.max, Math.max(range.min, Math.round(mgOutMM * 100) / 100));
    this.state.mgOutMM = mg;
    this.controls.setMg(mg);
    this.stage?.setMg(mg);
    if (this.built) this.mgSender.push(mg);
    this.showScene();
    this.scheduleUrl();
  }

  /** Presets 1–4 are the sheet at another [Mg]o (live when the sheet runs); 5 rebuilds as COBA. */
  private applyScene(scene: Scene): void {
    if (scene.network === 'sheet' && this.state.preset === 'sheet' && (this.built || this.building)) {
      this.applyMg(scene.mgOutMM);
      this.announce(`${scene.name}: [Mg]o ${scene.mgOutMM} mM`);
      return;
    }
    if (scene.network === 'coba' && this.state.preset === 'coba' && !this.customConfig && this.built) {
      this.announce(`${scene.name}: already running`);
      return;
    }
    this.customConfig = null;
    const neurons = scene.network === 'sheet' ? this.lastSheetNeurons : defaultState(scene.network).neurons;
    this.state = { ...this.state, preset: scene.network, neurons, mgOutMM: scene.mgOutMM };
    this.controls.show(this.state);
    this.stage?.setMg(scene.mgOutMM);
    this.showScene();
    this.announce(`${scene.name}: rebuilding the network`);
    void this.rebuild('create');
  }

  private showScene(): void {
    this.scenes.show(this.state.preset, this.state.mgOutMM);
    const label = this.doc.getElementById('block-mg-label');
    const text = `at ${this.state.mgOutMM.toFixed(2)} mM`;
    if (label && label.textContent !== text) label.textContent = text;
  }

  private announce(text: string): void {
    const el = this.doc.getElementById('announce');
    if (el) el.textContent = text;
  }

  private onShortcut(action: ShortcutAction): void {
    switch (action.kind) {
      case 'playPause':
        this.setPaused(!this.client.paused);
        this.announce(this.client.paused ? 'Paused' : 'Playing');
        break;
      case 'mgStep':
        this.applyMg(this.state.mgOutMM + action.deltaMM);
        break;
      case 'scene': {
        const scene = sceneByKey(action.key);
        if (scene) this.applyScene(scene);
        break;
      }
      case 'reset':
        if (!this.building) void this.rebuild('reset');
        break;
      case 'fullscreen':
        void this.presentation.toggleFullscreen();
        break;
      case 'presentation':
        this.presentation.toggle();
        break;
      case 'overlay':
        this.setOverlay(this.perfBox.hidden);
        break;
      case 'help':
        this.openShortcuts();
        break;
    }
  }

  private wireShortcutsDialog(): void {
    this.doc.getElementById('shortcuts-open')?.addEventListener('click', () => this.openShortcuts());
  }

  private openShortcuts(): void {
    const dialog = this.doc.getElementById('shortcuts') as HTMLDialogElement | null;
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** A click on the sheet follows the neuron under it. */
  private onViewsClick(event: MouseEvent): void {
    const stage = this.stage;
    if (!stage || !this.built) return;
    const host = this.viewsHost.getBoundingClientRect();
    const id = stage.sheet.neuronAt(event.clientX - host.left, event.clientY - host.top);
    if (id >= 0) {
      this.probes.add(id);
      this.announce(`Probing neuron ${id}`);
    }
  }

  private followProbes(ids: number[]): void {
    this.stage?.setProbes(ids);
    if (this.built) {
      this.client.setProbes(ids).catch((error: unknown) => this.notice.show('The probe could not be set.', [messageOf(error)], { kind: 'error' }));
    }
  }

  /** The block at the cells' median membrane potential, beside the Mg-block panel's legend. */
  private updateBlockMedian(): void {
    const el = this.doc.getElementById('block-median');
    const median = this.stage?.block.medianBlock;
    if (!el || !median) return;
    const text = Number.isNaN(median.vMV) ? '' : `(median ${Math.round(median.vMV)} mV: B = ${median.block.toFixed(2)})`;
    if (el.textContent !== text) el.textContent = text;
  }

  private setOverlay(on: boolean): void {
    this.perfBox.hidden = !on;
    this.perfToggle.checked = on;
    this.updateOverlay(performance.now());
  }

  private updateOverlay(nowMs: number): void {
    if (this.perfBox.hidden || !this.stage) return;
    const lines = formatPerf(this.perf.figures(nowMs, this.stage.drawMs, this.fps.fps(nowMs)));
    const doc = this.doc;
    this.perfBox.replaceChildren(
      ...lines.map((line) => {
        const div = doc.createElement('div');
        div.textContent = line;
        return div;
      }),
    );
  }

  // ---------------------------------------------------------------- export

  /** The running network's configuration with its live parameters as they are now. */
  private currentConfig(): NetworkConfig | null {
    if (!this.built) return null;
    const live = this.lastFrame?.live ?? this.built.live;
    return { ...structuredClone(this.built.config), live: { ...live } };
  }

  private wireExports(): void {
    const doc = this.doc;
    doc.getElementById('export-spikes')!.addEventListener('click', () => {
      const { ids, steps, dtMs } = this.spikes.snapshot();
      downloadText(doc, 'mg-gate-spikes.csv', spikesCsv(ids, steps, dtMs), 'text/csv');
    });
    doc.getElementById('export-json')!.addEventListener('click', () => {
      const config = this.currentConfig();
      if (!config) return;
      downloadText(doc, 'mg-gate-parameters.json', formatParamsFile(paramsFileOf(config, this.state.speed)), 'application/json');
    });
    const file = doc.getElementById('import-file') as HTMLInputElement;
    doc.getElementById('import-json')!.addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      file.value = '';
      if (chosen) void chosen.text().then((text) => this.importParams(text));
    });
    doc.getElementById('export-png')!.addEventListener('click', () => this.exportPng());
  }

  /** Loads a parameter file: validated by the core, then built. */
  importParams(text: string): void {
    const error = this.doc.getElementById('import-error')!;
    try {
      const file = parseParamsFile(text);
      error.hidden = true;
      const config = file.config;
      this.customConfig = structuredClone(config);
      this.state = {
        preset: presetOfConfig(config),
        neurons: config.neurons,
        seed: config.seed,
        mgOutMM: config.live.mgOutMM,
        speed: file.page.speed,
      };
      this.client.setSpeed(this.state.speed);
      this.controls.show(this.state);
      this.stage?.setMg(this.state.mgOutMM);
      this.showScene();
      this.announce(`Loaded parameters: ${config.preset}, ${config.neurons} neurons, [Mg]o ${config.live.mgOutMM} mM`);
      void this.rebuild('create');
    } catch (e) {
      error.textContent = `Not loaded: ${messageOf(e)}`;
      error.hidden = false;
    }
  }

  /** The views as one PNG (see viewsPicture.ts). */
  private exportPng(): void {
    if (!this.stage) return;
    viewsPicture(this.viewsHost, this.stage, this.win.devicePixelRatio || 1).toBlob((blob) => {
      if (blob) downloadBlob(this.doc, 'mg-gate-views.png', blob);
    }, 'image/png');
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
