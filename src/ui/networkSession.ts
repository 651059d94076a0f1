/**
 * The live network's life on the page, as one state machine kept in html[data-phase]:
 *
 *   loading → building → running ⇄ building (a rebuild, a reset, a restart)
 *                      ↘ error   (a failed build, or the worker died) → building (restart, rebuild)
 *
 * Builds, resets and restarts go through one attempt: only the latest may finish (a build started
 * while another runs supersedes it), and its network is adopted — the page's views and panels follow
 * it through `adopted`. The session also owns what the network is built from (the preset, or a
 * configuration loaded from a file until the preset changes) and the live ions ([Mg]o, the bath's
 * [K⁺], [Ca²⁺]o, ions on or fixed) sent to it.
 */
import type { SimClient } from '../client/simClient';
import type { LiveParams, NetworkConfig } from '../core/params';
import { presetConfig, withNeurons } from '../core/presets';
import type { CreateResult } from '../protocol/types';
import { messageOf } from './dom';
import { LatestOnly } from './latest';
import type { Notice } from './notice';
import type { PageState } from './urlState';

/** The live parameters the page's ion controls set: sent together, so the latest of each wins. */
export type IonLive = Pick<LiveParams, 'mgOutMM' | 'kBathMM' | 'caOutMM' | 'ionsOn'>;

/** The ion controls' part of a page state or of a network's live parameters. */
export function ionLiveOf(state: IonLive): IonLive {
  return { mgOutMM: state.mgOutMM, kBathMM: state.kBathMM, caOutMM: state.caOutMM, ionsOn: state.ionsOn };
}

/** The network a page state asks for: `custom` (a loaded file's configuration) if given, else the state's preset. */
export function networkConfigOf(state: PageState, custom: NetworkConfig | null = null): NetworkConfig {
  const config = withNeurons(custom ?? presetConfig(state.preset), state.neurons);
  config.seed = state.seed;
  config.live = { ...config.live, ...ionLiveOf(state) };
  return config;
}

function sameIons(a: IonLive, b: IonLive): boolean {
  return a.mgOutMM === b.mgOutMM && a.kBathMM === b.kBathMM && a.caOutMM === b.caOutMM && a.ionsOn === b.ionsOn;
}

export type Phase = 'loading' | 'building' | 'running' | 'error';

/** create: a new network from the page state; seed: the same network with the page's seed; reset: the same network from t = 0. */
export type BuildKind = 'create' | 'seed' | 'reset';

export interface SessionHooks {
  /** the page state now (read when a build starts, and when it ends for a [Mg]o moved meanwhile) */
  state(): PageState;
  /** a network was built or restarted: the views and panels follow it; keepProbes when it is the same network */
  adopted(created: CreateResult, keepProbes: boolean): void;
  /** the controls that rebuild the network are disabled while a build the user asked for runs */
  busy(building: boolean): void;
  /** a line for the status element: building, failed, stopped */
  status(text: string): void;
}

interface Attempt {
  /** the same network as before (its probes are kept) */
  keepProbes: boolean;
  /** the notice's title when it fails */
  failure: string;
  /** asked for by the user: the rebuilding controls wait, a failure is also said in the status line and offers a restart */
  userBuild: boolean;
}

export class NetworkSession {
  private builtValue: CreateResult | null = null;
  private buildingValue = false;
  /** bumped by every attempt; only the latest one may finish */
  private seq = 0;
  /** a configuration loaded from a parameter file: built instead of the preset until cleared */
  private custom: NetworkConfig | null = null;
  private readonly ionSender: LatestOnly<IonLive>;
  /** a build's network is adopted only once this settles (the views exist): the worker builds while the renderer starts */
  private adoptAfter: Promise<unknown> = Promise.resolve();
  private lastAttempt: Promise<void> = Promise.resolve();

  constructor(
    private readonly root: HTMLElement,
    private readonly client: SimClient,
    private readonly notice: Notice,
    private readonly hooks: SessionHooks,
  ) {
    this.ionSender = new LatestOnly<IonLive>(
      (ions) => client.setLive(ions),
      (error) => this.reportIonError(error),
    );
    client.onStatus((status) => {
      if (status.kind === 'dead') {
        this.phase = 'error';
        hooks.status('Stopped: the simulation worker died (see the notice above).');
        notice.show('The simulation stopped.', [status.message], { kind: 'error', onRestart: () => void this.restart() });
      } else if (status.kind === 'restarted') {
        notice.hide();
      } else {
        notice.show('The simulation reported a problem.', [status.message], { kind: 'error' });
      }
    });
  }

  /** The network last adopted (it stays while a rebuild runs, and after one fails). */
  get built(): CreateResult | null {
    return this.builtValue;
  }

  get building(): boolean {
    return this.buildingValue;
  }

  get phase(): Phase {
    return (this.root.dataset.phase as Phase | undefined) ?? 'loading';
  }

  private set phase(phase: Phase) {
    this.root.dataset.phase = phase;
  }

  /**
   * The page has begun to start: the first build may begin at once, while `viewsReady` (the
   * renderer's start) runs; its network is adopted when that has settled.
   */
  starting(viewsReady: Promise<unknown> = Promise.resolve()): void {
    this.phase = 'building';
    this.adoptAfter = viewsReady.catch(() => undefined); // a renderer that fails is the page's error, not the build's
  }

  /** Settles when the latest build, reset or restart has ended (adopted, failed or superseded). */
  get settled(): Promise<void> {
    return this.lastAttempt;
  }

  /** Builds from this configuration (a loaded file) instead of the preset; null goes back to the preset. */
  useConfig(config: NetworkConfig | null): void {
    this.custom = config && structuredClone(config);
  }

  get usesLoadedConfig(): boolean {
    return this.custom !== null;
  }

  /** The network a page state asks for: the loaded configuration while one is in force, else the preset. */
  configOf(state: PageState): NetworkConfig {
    return networkConfigOf(state, this.custom);
  }

  /** Builds (create), rebuilds with the page's seed (seed) or restarts the same network (reset). */
  build(kind: BuildKind): Promise<void> {
    const state = this.hooks.state();
    const fresh = kind === 'create' || !this.builtValue;
    this.hooks.status(`Building the network: ${state.neurons.toLocaleString('en')} neurons…`);
    return this.attempt(
      () => (fresh ? this.client.create(this.configOf(state)) : this.client.reset(kind === 'seed' ? state.seed : undefined)),
      { keepProbes: !fresh, failure: 'The network could not be built.', userBuild: true },
    );
  }

  /** A fresh worker with the last good network, live parameters and probes (after the worker died). */
  restart(): Promise<void> {
    return this.attempt(() => this.client.restart(), { keepProbes: true, failure: 'The simulation could not be restarted.', userBuild: false });
  }

  /**
   * The ions for the running network (no rebuild). Running, they ride on the next chunk's advance
   * (the client merges changes made meanwhile), so the next frame drawn shows them; paused, only the
   * latest values are sent, one call at a time (latest.ts).
   */
  setIons(ions: IonLive): void {
    if (!this.builtValue) return;
    if (this.client.paused || this.building) return this.ionSender.push(ions);
    this.client.setLiveWithNextChunk(ions).catch((error: unknown) => this.reportIonError(error));
  }

  private reportIonError(error: unknown): void {
    this.notice.show('The ions could not be changed.', [messageOf(error)], { kind: 'error' });
  }

  /** The followed neurons, for the worker's probe samples. */
  setProbes(ids: number[]): void {
    if (!this.builtValue) return;
    this.client.setProbes(ids).catch((error: unknown) => this.notice.show('The probe could not be set.', [messageOf(error)], { kind: 'error' }));
  }

  /** The running network's configuration with its live parameters as they are now (the latest frame's, if any). */
  liveConfig(live: LiveParams | undefined): NetworkConfig | null {
    const built = this.builtValue;
    if (!built) return null;
    return { ...structuredClone(built.config), live: { ...(live ?? built.live) } };
  }

  private attempt(call: () => Promise<CreateResult>, how: Attempt): Promise<void> {
    this.lastAttempt = this.run(call, how);
    return this.lastAttempt;
  }

  private async run(call: () => Promise<CreateResult>, how: Attempt): Promise<void> {
    const seq = ++this.seq;
    this.buildingValue = true;
    if (how.userBuild) this.hooks.busy(true);
    this.phase = 'building';
    try {
      const created = await call();
      await this.adoptAfter;
      if (seq !== this.seq) return; // a later attempt supersedes this one
      this.builtValue = created;
      this.hooks.adopted(created, how.keepProbes);
      // an ion control moved during the build (or while the worker was dead) is sent now
      const ions = ionLiveOf(this.hooks.state());
      if (!sameIons(ionLiveOf(created.live), ions)) this.ionSender.push(ions);
      this.phase = 'running';
    } catch (error) {
      if (seq !== this.seq) return;
      this.phase = 'error';
      const restart = how.userBuild && this.builtValue ? () => void this.restart() : undefined;
      this.notice.show(how.failure, [messageOf(error)], { kind: 'error', onRestart: restart });
      if (how.userBuild) this.hooks.status(`Not running: ${messageOf(error)}`);
    } finally {
      if (seq === this.seq) {
        this.buildingValue = false;
        // whichever attempt ends last re-enables the controls (a restart may supersede a build)
        this.hooks.busy(false);
      }
    }
  }
}
