/**
 * The live page's composition root: reads the scene from the URL, makes the parts and wires them.
 * Each part has one job: the page state and the one way it changes (pageStore.ts), the network's
 * life (networkSession.ts), the loop per animation frame (frameLoop.ts), the views (views.ts), and
 * the controls, presets, probes, experiments, exports and presentation mode, and what the page says
 * and checks about itself (guide.ts: announcer, describe, lessons, sound) from one snapshot.
 */
import type { SimClient } from '../client/simClient';
import type { CreateResult } from '../protocol/types';
import { BigViews } from './bigViews';
import { Caption } from './caption';
import { Controls } from './controls';
import { announce, byId, setText } from './dom';
import { ExperimentsPanel } from './experimentsPanel';
import { ExportsPanel } from './exportsPanel';
import { HandOffPanel } from './handOffPanel';
import { ExportRunner } from '../client/exportRunner';
import { FrameLoop, STATUS_RATE_WINDOW_MS } from './frameLoop';
import { Guide } from './guide';
import { describeLessonProblems, formatLessonPlace, parseLessonPlace } from './lessons/lessonUrl';
import { LESSONS } from './lessons/lessons';
import { LectureTime, SKIP_DRAW_INTERVAL_MS } from './lectureTime';
import type { LiveSnapshot } from './liveSnapshot';
import { IonsPanel } from './ionsPanel';
import { NetworkSession } from './networkSession';
import { describeOnset, OnsetMap } from './onsetMap';
import { SheetModes } from './sheetModes';
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
import type { FitChoice } from '../core/fitDevice';
import { startPageClient, wantsFit } from '../client/pageStart';
import type { PageStart } from '../client/pageStart';
import { PAGE_MARKS } from './perfOverlay';
import { ADDRESS_READ_EVENT } from './pageEvents';
import { ViewInfo } from './viewInfo';
import { Views } from './views';

/** The experiments' chart labels, CSS px: normal, and in presentation mode. */
const CHART_FONT_PX = { normal: 13, presenting: 28 };

export interface AppOptions {
  /** makes the simulation client (tests may pass one with a different worker) @default startPageClient's */
  createClient?: () => SimClient;
  /** started before the page's code loaded (main.ts): the client, and the warm-up's measurement */
  start?: PageStart;
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
  private readonly experiments: ExperimentsPanel;
  private readonly viewInfo: ViewInfo;
  private readonly caption: Caption;
  private readonly guide: Guide;
  private readonly lecture: LectureTime;
  private readonly ions: IonsPanel;
  private readonly onsets: OnsetMap;
  private readonly sheetModes: SheetModes;
  /** networks adopted so far (a rebuilt network's clock and burst count start afresh) */
  private builds = 0;
  /** a first load that named no size: the network is sized to this device (fitDevice.ts) */
  private readonly fitWanted: boolean;
  private readonly fitChoice: Promise<FitChoice | null>;
  private readonly notice: Notice;

  // The parts are made in the order they depend on each other. A callback that names a part made
  // after it runs only on user input or once start() runs, never during this constructor.
  constructor(win: Window, options: AppOptions = {}) {
    const doc = (this.doc = win.document);
    const notice = (this.notice = new Notice(doc));
    const { state, problems } = parseUrlState(win.location.search);
    const lessonUrl = parseLessonPlace(win.location.search, LESSONS);
    if (problems.length + lessonUrl.problems.length > 0) {
      const { title, lines } = describeProblems([...problems, ...lessonUrl.problems], state);
      const lessonLines = describeLessonProblems(lessonUrl.problems, lessonUrl.place);
      notice.show(title, [...lines.slice(0, problems.length), ...lessonLines]);
    }
    this.fitWanted = wantsFit(win.location.search);
    const started = options.start ?? (options.createClient ? null : startPageClient(win.location.search));
    this.client = started?.client ?? options.createClient!();
    this.fitChoice = started?.fit ?? Promise.resolve(null);
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
      onMg: (mgOutMM) => {
        this.page.setMg(mgOutMM);
        this.loop.mgChanged(this.page.state.mgOutMM);
      },
      onKBath: (kBathMM) => this.page.setIon('kBathMM', kBathMM),
      onCa: (caOutMM) => this.page.setIon('caOutMM', caOutMM),
      onIons: (ionsOn) => this.page.set({ ionsOn }, { announce: ionsOn === 1 ? 'Ions move with firing' : 'Fixed ions' }),
      onNextEvent: () => this.toggleSkip(),
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
    this.page = new PageStore(win, state, parts, () => formatLessonPlace(this.guide.lessons.place));
    this.loop = new FrameLoop(win, {
      ...parts,
      spikes: this.spikes,
      status,
      frame: (frame) => {
        this.lecture.frame(frame.analysis, frame.endStep * frame.dtMs);
        this.ions.frame(frame);
        this.onsets.frame(frame);
        this.guide.frame(frame);
      },
      tick: (nowMs) => {
        this.ions.show();
        this.guide.tick(nowMs);
      },
    });
    this.ions = new IonsPanel(doc);
    this.sheetModes = new SheetModes(doc, (mode) => {
      if (mode === 'replay') {
        const sheet = this.views.stage?.sheet;
        if (!sheet || !this.onsets.replay(sheet)) return false;
      }
      this.views.setSheetMode(mode, this.onsets.latest?.map.delay90Ms ?? 0);
      return true;
    });
    this.onsets = new OnsetMap(this.spikes, (onset) => {
      this.views.stage?.sheet.setRecruitment(onset.map, onset.onsetSite);
      const width = this.session.built?.width ?? 1;
      setText(doc.getElementById('onset-info'), describeOnset(onset, width));
      this.sheetModes.onsetReady(this.onsets.count);
      if (this.sheetModes.mode === 'recruit') this.views.setSheetMode('recruit', onset.map.delay90Ms);
    });
    this.lecture = new LectureTime(this.client, {
      skipping: (on) => {
        this.controls.setSkipping(on);
        this.loop.setDrawInterval(on ? SKIP_DRAW_INTERVAL_MS : 0);
        this.loop.statusSoon();
      },
      ended: (result) => {
        this.page.set({ speed: 1 });
        announce(doc, result === 'arrived' ? 'An ictal event has begun: playing at real time' : 'No ictal event in five simulated minutes: stopped skipping');
      },
      latest: () => {
        const frame = this.loop.lastFrame;
        return frame ? { summary: frame.analysis, nowMs: frame.endStep * frame.dtMs } : null;
      },
    });
    const liveConfig = () => this.session.liveConfig(this.loop.lastFrame?.live);

    const experiments = (this.experiments = new ExperimentsPanel(doc, {
      client: this.client,
      liveConfig,
      clampNeuron: () => this.probes.ids[0] ?? 0,
      seed: () => this.page.state.seed,
    }));
    new ExportsPanel(doc, {
      spikes: this.spikes,
      parameters: () => {
        const config = liveConfig();
        return config && paramsFileOf(config, this.page.state.speed);
      },
      picture: () => {
        const config = liveConfig();
        const frame = this.loop.lastFrame;
        return this.views.picture(config && { config, timeMs: frame ? frame.endStep * frame.dtMs : 0, speed: this.page.state.speed });
      },
      load: (file) => this.page.load(file),
    });
    new HandOffPanel(doc, {
      runner: new ExportRunner(),
      liveConfig,
      recording: () => this.client.takeRecording(),
      timeMs: () => (this.loop.lastFrame ? this.loop.lastFrame.endStep * this.loop.lastFrame.dtMs : 0),
    });
    const viewsHost = byId(doc, 'views');
    this.viewInfo = new ViewInfo(viewsHost);
    this.caption = new Caption(doc, this.viewInfo);
    const big = new BigViews(viewsHost, (names) => this.caption.showViews(names));
    this.caption.showViews(big.big);
    this.presentation = new Presentation(
      doc,
      (on) => {
        this.views.restyle();
        experiments.setFontSize(on ? CHART_FONT_PX.presenting : CHART_FONT_PX.normal);
      },
      (text) => announce(doc, text),
    );
    this.guide = new Guide(win, () => this.snapshot(), () => this.page.addressChanged());
    if (lessonUrl.place) this.guide.lessons.start(lessonUrl.place);
    installShortcuts(doc, (action) => this.onShortcut(action));
    this.controls.setPaused(false);
    this.page.showAll();
  }

  /**
   * Starts the first network and the views together: the worker is asked first, so it loads, sizes
   * and builds the network while this thread starts the renderer; the network is adopted once the
   * views exist (NetworkSession.starting), then the frame loop draws it.
   */
  async start(): Promise<void> {
    performance.mark(PAGE_MARKS.start);
    let viewsSettled!: () => void;
    this.session.starting(new Promise<void>((resolve) => (viewsSettled = resolve)));
    const built = this.fitWanted ? this.fitThenBuild() : this.page.rebuild('create');
    try {
      await this.views.start();
    } finally {
      viewsSettled();
    }
    performance.mark(PAGE_MARKS.viewsReady);
    this.loop.start();
    await built;
  }

  /**
   * First load with no size named: a short warm-up in the worker measures this device, and the
   * sheet is built at the largest size that stays live (fitDevice.ts), said under Neurons. A size the
   * user chose meanwhile (the Neurons field started a build) wins.
   */
  private async fitThenBuild(): Promise<void> {
    const state = this.page.state;
    const choice = await this.fitChoice;
    performance.mark(PAGE_MARKS.fitted);
    if (this.session.building || this.session.built) return; // the user chose meanwhile
    if (!choice) return this.page.rebuild('create'); // no measurement: the default size
    showFitNote(this.doc, choice.message);
    announce(this.doc, choice.message);
    // a smaller sheet than asked for is said at the top too, unless a notice about the address is up
    if (!choice.keptDefault && this.doc.getElementById('notice')?.hidden !== false) {
      this.notice.show('Sized to this device', [choice.message], { kind: 'warning' });
    }
    if (choice.neurons === state.neurons) return this.page.rebuild('create');
    this.page.set({ neurons: choice.neurons });
    this.controls.show(this.page.state); // the Neurons field shows the size chosen for it
    return this.session.settled;
  }

  /** The page as it is now, for the guide (announcer, describe, lessons). */
  private snapshot(): LiveSnapshot {
    const state = this.page.state;
    const frame = this.loop.lastFrame;
    const stage = this.views.stage;
    const median = stage?.block.medianBlock;
    return {
      phase: this.session.phase,
      builds: this.builds,
      preset: state.preset,
      neurons: this.session.built?.summary.neurons ?? state.neurons,
      seed: state.seed,
      mgOutMM: state.mgOutMM,
      timeMs: frame ? frame.endStep * frame.dtMs : 0,
      rateHz: stage && frame ? stage.rate.history.meanRate(STATUS_RATE_WINDOW_MS) : 0,
      bursts: frame?.analysis.bursts ?? 0,
      inBurst: frame?.analysis.inBurst ?? false,
      ionsOn: state.ionsOn === 1,
      kBathMM: state.kBathMM,
      caOutMM: state.caOutMM,
      kOutMaxMM: frame?.ions?.kOutMaxMM ?? Number.NaN,
      ictalEvents: frame?.analysis.ictalEvents ?? 0,
      inIctalEvent: frame?.analysis.inIctalEvent ?? false,
      ictalOnsetMs: frame?.analysis.ictalOnsetMs ?? null,
      paused: this.client.paused,
      probes: this.probes.ids.length,
      medianVMV: median?.vMV ?? Number.NaN,
      medianBlock: median?.block ?? Number.NaN,
      sweep: this.experiments.phase,
      infoOpened: this.viewInfo.opened,
      presenting: this.presentation.presenting,
    };
  }

  /** A network was built: the views, the spike memory and the probes follow it. */
  private adopt(created: CreateResult, keepProbes: boolean): void {
    if (this.builds === 0) performance.mark(PAGE_MARKS.adopted, { detail: { workerBuildMs: created.workerBuildMs } });
    this.builds++;
    this.lecture.stop();
    this.ions.clear();
    this.onsets.configure(created);
    this.sheetModes.reset();
    this.views.setSheetMode('v');
    setText(this.doc.getElementById('onset-info'), 'Onset map: waits for the first burst.');
    this.loop.restart();
    this.views.configure(created);
    this.spikes.clear(created.config.dtMs);
    this.page.adopted(created);
    this.probes.configure(created.summary.neurons, created.excitatory, keepProbes);
    this.views.setProbes(this.probes.ids);
  }

  /** "Next event": skip ahead until an ictal event begins (lectureTime.ts), or stop skipping. */
  private toggleSkip(): void {
    this.lecture.toggle();
    if (this.lecture.active) {
      this.controls.setPaused(false);
      announce(this.doc, 'Skipping ahead to the next ictal event');
    }
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
        this.page.setMg(this.page.state.mgOutMM + action.deltaMM);
        return this.loop.mgChanged(this.page.state.mgOutMM);
      case 'scene': {
        const scene = sceneByKey(action.key);
        return scene ? this.page.chooseScene(scene) : undefined;
      }
      case 'nextEvent':
        return this.toggleSkip();
      case 'reset':
        if (!this.session.building) void this.page.rebuild('reset');
        return;
      case 'fullscreen':
        return void this.presentation.toggleFullscreen();
      case 'presentation':
        return this.presentation.toggle();
      case 'overlay':
        return this.loop.overlay.toggle();
      case 'caption':
        return this.caption.toggle();
      case 'describe':
        return this.guide.describe();
      case 'lessons':
        return this.guide.lessons.toggle();
      case 'help':
        return openShortcutsList(this.doc);
    }
  }
}

/** The sizing sentence, under the Neurons field (made on first use). */
function showFitNote(doc: Document, message: string): void {
  let note = doc.getElementById('fit-note');
  if (!note) {
    note = doc.createElement('p');
    note.id = 'fit-note';
    note.className = 'help';
    const field = doc.getElementById('n')?.closest('.field');
    if (!field) return;
    field.after(note);
  }
  setText(note, message);
}

/** Starts the page; errors before the first frame are shown, not swallowed. */
export async function startApp(win: Window = window, start?: PageStart): Promise<App> {
  const app = new App(win, { start });
  // The address has been read, rewritten and any notice shown (the App's constructor). The app's
  // bundle loads after DOMContentLoaded (src/main.ts), so this event is the moment to look at them;
  // the URL fuzz test (tests/e2e/fuzzUrl.test.ts) waits for it.
  win.document.dispatchEvent(new Event(ADDRESS_READ_EVENT));
  await app.start();
  return app;
}
