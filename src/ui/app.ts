/**
 * The live page's composition root: reads the scene from the URL, makes the parts and wires them.
 * Each part has one job: the page state and the one way it changes (pageStore.ts), the network's
 * life (networkSession.ts), the loop per animation frame (frameLoop.ts), the views (views.ts), and
 * the controls, presets, probes, experiments, exports and presentation mode.
 */
import { SimClient } from '../client/simClient';
import type { CreateResult } from '../protocol/types';
import { Controls } from './controls';
import { announce, byId, setText } from './dom';
import { ExperimentsPanel } from './experimentsPanel';
import { ExportsPanel } from './exportsPanel';
import { FrameLoop } from './frameLoop';
import { NetworkSession } from './networkSession';
import { Notice } from './notice';
import { PageStore } from './pageStore';
import { paramsFileOf } from './paramsFile';
import { Presentation } from './presentation';
import { ProbePanel } from './probePanel';
import { sceneByKey } from './scenes';
import { ScenesPanel } from './scenesPanel';
import { installShortcuts, openShortcutsList } from './shortcuts';
import type { ShortcutAction } from './shortcuts';
import { SpikeRing } from './spikeRing';
import { describeProblems, parseUrlState } from './urlState';
import { Views } from './views';

/**
 * Worker time one frame's chunk may take, ms. It only binds when the machine cannot keep real time:
 * then a larger chunk keeps the worker busier between animation frames (measured here: about twice
 * the simulated time per second of 30 ms, at the same fps), while a slider move still shows within
 * two chunks (≈ 100 ms + a frame).
 */
const MAX_STEP_MS_PER_PULL = 50;
/** The experiments' chart labels, CSS px: normal, and in presentation mode. */
const CHART_FONT_PX = { normal: 13, presenting: 17 };

export interface AppOptions {
  /** makes the simulation client (tests may pass one with a different worker) */
  createClient?: () => SimClient;
}

export class App {
  private readonly doc: Document;
  private readonly client: SimClient;
  private readonly spikes = new SpikeRing();
  private readonly views: Views;
  private readonly probes: ProbePanel;
  private readonly controls: Controls;
  private readonly session: NetworkSession;
  private readonly page: PageStore;
  private readonly loop: FrameLoop;
  private readonly presentation: Presentation;

  // The parts are made in the order they depend on each other. A callback that names a part made
  // after it runs only on user input or once start() runs, never during this constructor.
  constructor(win: Window, options: AppOptions = {}) {
    const doc = (this.doc = win.document);
    const notice = new Notice(doc);
    const { state, problems } = parseUrlState(win.location.search);
    if (problems.length > 0) {
      const { title, lines } = describeProblems(problems, state);
      notice.show(title, lines);
    }
    this.client = options.createClient?.() ?? new SimClient({ maxStepMsPerPull: MAX_STEP_MS_PER_PULL });
    this.client.setSpeed(state.speed);

    this.views = new Views(win, byId(doc, 'views'), (id) => {
      this.probes.add(id);
      announce(doc, `Probing neuron ${id}`);
    });
    this.probes = new ProbePanel(doc, (ids) => {
      this.views.setProbes(ids);
      this.session.setProbes(ids);
    });
    const scenes = new ScenesPanel(doc, (scene) => this.page.chooseScene(scene));
    this.controls = new Controls(doc, {
      onMg: (mgOutMM) => this.page.setMg(mgOutMM),
      onPlayPause: () => this.setPaused(!this.client.paused),
      onReset: () => void this.page.rebuild('reset'),
      onSpeed: (speed) => this.page.set({ speed }),
      onPreset: (preset) => this.page.setPreset(preset),
      onNeurons: (neurons) => this.page.set({ neurons }),
      onSeed: (seed) => this.page.set({ seed }),
      onRawFlashes: (raw) => this.views.setRawFlashes(raw),
    });
    const statusLine = byId(doc, 'status');
    const status = (text: string): void => setText(statusLine, text);
    this.session = new NetworkSession(doc.documentElement, this.client, notice, {
      state: () => this.page.state,
      adopted: (created, keepProbes) => this.adopt(created, keepProbes),
      busy: (building) => this.controls.setBuilding(building),
      status,
    });
    const parts = { client: this.client, session: this.session, controls: this.controls, views: this.views, scenes };
    this.page = new PageStore(win, state, parts);
    this.loop = new FrameLoop(win, { ...parts, spikes: this.spikes, status });
    const liveConfig = () => this.session.liveConfig(this.loop.lastFrame?.live);

    const experiments = new ExperimentsPanel(doc, {
      client: this.client,
      liveConfig,
      clampNeuron: () => this.probes.ids[0] ?? 0,
      seed: () => this.page.state.seed,
    });
    new ExportsPanel(doc, {
      spikes: this.spikes,
      parameters: () => {
        const config = liveConfig();
        return config && paramsFileOf(config, this.page.state.speed);
      },
      picture: () => this.views.picture(),
      load: (file) => this.page.load(file),
    });
    this.presentation = new Presentation(
      doc,
      (on) => {
        this.views.setPresenting(on);
        experiments.setFontSize(on ? CHART_FONT_PX.presenting : CHART_FONT_PX.normal);
      },
      (text) => announce(doc, text),
    );
    this.views.setPresenting(this.presentation.presenting);
    installShortcuts(doc, (action) => this.onShortcut(action));
    this.controls.setPaused(false);
    this.page.showAll();
  }

  /** Starts the views and the first network, then the frame loop. */
  async start(): Promise<void> {
    this.session.starting();
    await this.views.start();
    this.loop.start();
    await this.page.rebuild('create');
  }

  /** A network was built: the views, the spike memory and the probes follow it. */
  private adopt(created: CreateResult, keepProbes: boolean): void {
    this.loop.restart();
    this.views.configure(created);
    this.spikes.clear(created.config.dtMs);
    this.page.adopted(created);
    this.probes.configure(created.summary.neurons, created.excitatory, keepProbes);
    this.views.setProbes(this.probes.ids);
  }

  private setPaused(paused: boolean): void {
    this.client.setPaused(paused);
    this.controls.setPaused(paused);
    this.loop.statusSoon();
  }

  private onShortcut(action: ShortcutAction): void {
    switch (action.kind) {
      case 'playPause':
        this.setPaused(!this.client.paused);
        return announce(this.doc, this.client.paused ? 'Paused' : 'Playing');
      case 'mgStep':
        return this.page.setMg(this.page.state.mgOutMM + action.deltaMM);
      case 'scene': {
        const scene = sceneByKey(action.key);
        return scene ? this.page.chooseScene(scene) : undefined;
      }
      case 'reset':
        if (!this.session.building) void this.page.rebuild('reset');
        return;
      case 'fullscreen':
        return void this.presentation.toggleFullscreen();
      case 'presentation':
        return this.presentation.toggle();
      case 'overlay':
        return this.loop.overlay.toggle();
      case 'help':
        return openShortcutsList(this.doc);
    }
  }
}

/** Starts the page; errors before the first frame are shown, not swallowed. */
export async function startApp(win: Window = window): Promise<App> {
  const app = new App(win);
  await app.start();
  return app;
}
