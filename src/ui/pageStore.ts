/**
 * The page state (urlState.ts PageState: preset, [Mg]o, [K⁺] bath, [Ca²⁺]o, ions, seed, size, speed) and the one way it
 * changes, `set`: whatever control, key, preset button or parameter file asked, the same sequence
 * follows — the controls, the views' [Mg]o, the preset buttons and an announcement; then a new
 * network when the preset, size, seed or configuration changed, or else the live change sent to the
 * running one; and the URL. A live parameter added later joins PageState and this sequence.
 */
import type { SimClient } from '../client/simClient';
import type { NetworkConfig } from '../core/params';
import { LIVE_RANGES } from '../core/params';
import type { PresetName } from '../core/presets';
import type { CreateResult } from '../protocol/types';
import type { Controls } from './controls';
import { announce, setText } from './dom';
import { ionLiveOf } from './networkSession';
import type { BuildKind, NetworkSession } from './networkSession';
import { pageStateOfFile } from './paramsFile';
import type { ParamsFile } from './paramsFile';
import { describeSceneIons } from './scenes';
import type { Scene } from './scenes';
import type { ScenesPanel } from './scenesPanel';
import { defaultState } from './urlState';
import type { PageState } from './urlState';
import { UrlWriter } from './urlSync';
import type { Views } from './views';

/** What a change of page state drives. */
export interface PageParts {
  client: SimClient;
  session: NetworkSession;
  controls: Controls;
  views: Views;
  scenes: ScenesPanel;
}

/** What comes with a change of page state besides the new values. */
export interface PageChange {
  /** build this configuration (a loaded parameter file) instead of the preset, until the preset changes */
  config?: NetworkConfig;
  /** said to screen readers (#announce) */
  announce?: string;
}

export class PageStore {
  private current: PageState;
  /** the sheet's size when it was last built, for returning to it from COBA */
  private lastSheetNeurons: number;
  private readonly url: UrlWriter;
  private readonly doc: Document;

  constructor(
    win: Window,
    initial: PageState,
    private readonly parts: PageParts,
    /** more of the address than the page state: a guided lesson's place (`lesson=2&step=3`) */
    urlExtra: () => string = () => '',
  ) {
    this.doc = win.document;
    this.current = initial;
    this.lastSheetNeurons = initial.preset === 'sheet' ? initial.neurons : defaultState('sheet').neurons;
    this.url = new UrlWriter(win, () => this.current, urlExtra);
  }

  /** Something else the address names changed (a lesson's step): it is rewritten now. */
  addressChanged(): void {
    this.url.now();
  }

  get state(): Readonly<PageState> {
    return this.current;
  }

  /** Changes the page state; see the file's header for what follows. */
  set(patch: Partial<PageState>, change: PageChange = {}): void {
    const { client, session, controls, views } = this.parts;
    if (patch.speed !== undefined) client.setSpeed(patch.speed); // first: a speed out of range throws before anything changed
    this.current = { ...this.current, ...patch };
    const state = this.current;
    const rebuild: BuildKind | null =
      patch.preset !== undefined || patch.neurons !== undefined || change.config ? 'create' : patch.seed !== undefined ? 'seed' : null;
    if (patch.preset !== undefined || change.config) session.useConfig(change.config ?? null);
    // a control that made the change shows it already; a preset or a file changes them all
    const ions = patch.mgOutMM !== undefined || patch.kBathMM !== undefined || patch.caOutMM !== undefined || patch.ionsOn !== undefined;
    if (patch.preset !== undefined) controls.show(state);
    else if (ions) {
      controls.setMg(state.mgOutMM);
      controls.setIons(state);
    }
    if (patch.mgOutMM !== undefined) views.setMg(state.mgOutMM);
    this.showScene();
    if (change.announce) announce(this.doc, change.announce);
    if (rebuild) {
      void this.rebuild(rebuild);
      return;
    }
    if (ions) session.setIons(ionLiveOf(state));
    this.url.soon();
  }

  /** Builds the network the state asks for (create, seed) or restarts it (reset); the URL names it at once. */
  rebuild(kind: BuildKind): Promise<void> {
    this.url.now();
    return this.parts.session.build(kind);
  }

  /** [Mg]o from the slider or the keys: within its range, to 0.01 mM, live. */
  setMg(mgOutMM: number, announcement?: string): void {
    const range = LIVE_RANGES.mgOutMM;
    this.set({ mgOutMM: Math.min(range.max, Math.max(range.min, Math.round(mgOutMM * 100) / 100)) }, { announce: announcement });
  }

  /** The bath's [K⁺] or [Ca²⁺]o from its slider: within its range, to 0.01 mM, live. */
  setIon(field: 'kBathMM' | 'caOutMM', valueMM: number, announcement?: string): void {
    const range = LIVE_RANGES[field];
    const value = Math.min(range.max, Math.max(range.min, Math.round(valueMM * 100) / 100));
    this.set({ [field]: value }, { announce: announcement });
  }

  /** Another network preset, at the size it had last (the sheet) or its own (COBA). */
  setPreset(preset: PresetName): void {
    this.set({ preset, neurons: this.neuronsOf(preset) });
  }

  /** Presets 1–6 are the sheet with other ions (live when the sheet runs); 7 rebuilds as COBA. */
  chooseScene(scene: Scene): void {
    const { session } = this.parts;
    const { preset } = this.current;
    const ions = { mgOutMM: scene.mgOutMM, kBathMM: scene.kBathMM, caOutMM: scene.caOutMM, ionsOn: scene.ionsOn };
    if (scene.network === 'sheet' && preset === 'sheet' && (session.built || session.building)) {
      this.set(ions, { announce: `${scene.name}: ${describeSceneIons(scene)}` });
    } else if (scene.network === 'coba' && preset === 'coba' && !session.usesLoadedConfig && session.built) {
      announce(this.doc, `${scene.name}: already running`);
    } else {
      const patch = { preset: scene.network, neurons: this.neuronsOf(scene.network), ...ions };
      this.set(patch, { announce: `${scene.name}: rebuilding the network` });
    }
  }

  /**
   * A parameter file that passed validation (paramsFile.ts: all of it, against the ranges the URL
   * uses): its network, [Mg]o and speed become the page's in one change. A refused file never gets here.
   */
  load(file: ParamsFile): void {
    const { config } = file;
    const patch = pageStateOfFile(file);
    const announcement = `Loaded parameters: ${config.preset}, ${config.neurons} neurons, [Mg]o ${config.live.mgOutMM} mM`;
    this.set(patch, { config, announce: announcement });
  }

  /** A network was built: the sheet's size is remembered, and the preset buttons follow. */
  adopted(created: CreateResult): void {
    if (this.current.preset === 'sheet') this.lastSheetNeurons = created.summary.neurons;
    this.showScene();
  }

  /** Shows the whole state in the controls and the address (on load). */
  showAll(): void {
    this.parts.controls.show(this.current);
    this.parts.views.setMg(this.current.mgOutMM);
    this.showScene();
    this.url.now();
  }

  private neuronsOf(preset: PresetName): number {
    return preset === 'sheet' ? this.lastSheetNeurons : defaultState(preset).neurons;
  }

  private showScene(): void {
    this.parts.scenes.show(this.current);
    setText(this.doc.getElementById('block-mg-label'), `at ${this.current.mgOutMM.toFixed(2)} mM`);
  }
}
