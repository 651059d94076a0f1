/**
 * The one object on the page that owns the simulation worker (after Squoosh's worker bridge): it
 * starts the worker lazily, keeps at most one call in flight, sizes each chunk to hold real time at
 * the chosen speed, and notices when the worker dies.
 *
 * The page calls pull() once per animation frame. A pull that finds a call in flight (or the
 * simulation paused) resolves null at once, so a slow or hidden tab never builds a backlog. Other
 * calls (setLive, setProbes, reset) go through a small serial queue: they wait for at most the one
 * advance in flight, never for a pile of them.
 *
 * Chunk size: each pull owes speed × (wall time since the previous pull) of simulated time, capped
 * so that the worker's step for one pull stays near maxStepMsPerPull (from the measured cost of
 * recent frames; see pacer.ts). A slow machine runs slower than real time instead of freezing the page.
 *
 * Sweeps run in a second worker (sweepRunner.ts), so the live network keeps going meanwhile.
 *
 * Death: a worker that fires an error event, that stops acknowledging messages (heartbeat.ts: a
 * worker closed or lost without a word is noticed within about 2 s, while long calls such as a
 * build of 100,000 cells still run to their end), or that leaves a call unanswered past its
 * deadline, is declared dead: its calls reject with the reason, listeners get { kind: 'dead' },
 * and restart() builds a fresh worker from the last good config, live parameters and probes.
 */
import type { SessionRecording } from '../export/sessionRecording';
import * as Comlink from 'comlink';
import type { SimWorkerApi } from '../../workers/sim.worker';
import type {
  CreateResult,
  Frame,
  FitRequest,
  SpeedSample,
  LiveParams,
  NetworkConfig,
  SimStatus,
  SweepProgress,
  SweepRequest,
  SweepResult,
} from '../protocol/types';
import { DEFAULT_HEARTBEAT_TIMEOUT_MS, DEFAULT_PING_EVERY_MS, WorkerWatch } from './heartbeat';
import { Pacer } from './pacer';
import { SweepRunner } from './sweepRunner';
import { errorEventMessage, SimWorkerDeadError } from './workerErrors';

export { SPEED_RANGE } from './pacer';
export { SimWorkerDeadError } from './workerErrors';

export interface SimClientOptions {
  /** Makes the worker (a second one runs sweeps). @default the module worker workers/sim.worker.ts */
  createWorker?: () => Worker;
  /** Worker time one pull's step may take, ms; the chunk shrinks to stay under it. @default 30 */
  maxStepMsPerPull?: number;
  /** Simulated time one pull may never exceed, ms. @default 200 */
  maxSimMsPerPull?: number;
  /** A call (other than a build) unanswered this long means the worker is dead, ms. @default 15000 */
  callTimeoutMs?: number;
  /** Deadline for create, reset and restart, which build the network, ms. @default 120000 */
  buildTimeoutMs?: number;
  /** A message the worker leaves unacknowledged this long means it is dead (heartbeat.ts), ms. @default 1500 */
  heartbeatTimeoutMs?: number;
  /** How often an idle worker is pinged, ms. @default 500 */
  pingEveryMs?: number;
  /** Ask for the per-neuron voltage snapshot in every frame. @default true */
  wantVoltages?: boolean;
  /** Wall clock in ms. @default performance.now */
  now?: () => number;
}

export const DEFAULT_MAX_STEP_MS_PER_PULL = 30;
export const DEFAULT_MAX_SIM_MS_PER_PULL = 200;
export const DEFAULT_CALL_TIMEOUT_MS = 15_000;
export const DEFAULT_BUILD_TIMEOUT_MS = 120_000;

type Remote = Comlink.Remote<SimWorkerApi>;
type StatusListener = (status: SimStatus) => void;

const defaultWorker = (): Worker =>
  new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'mg-gate-sim' });

export class SimClient {
  private readonly createWorker: () => Worker;
  private readonly callTimeoutMs: number;
  private readonly buildTimeoutMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly pingEveryMs: number;
  private readonly now: () => number;
  private wantVoltages: boolean;

  private worker: Worker | null = null;
  private remote: Remote | null = null;
  private watch: WorkerWatch | null = null;
  /** Bumped whenever the worker is replaced: answers of an older worker are void. */
  private generation = 0;
  private dead = false;
  private deathMessage = '';
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private readonly unanswered = new Set<(error: Error) => void>();
  private readonly listeners = new Set<StatusListener>();

  // last good state, for restart()
  private lastConfig: NetworkConfig | null = null;
  private lastLive: LiveParams | null = null;
  private lastProbes: number[] = [];
  private created = false;

  private readonly pacer: Pacer;
  private pausedValue = false;
  /** live parameters waiting for the next advance (setLiveWithNextChunk), and the calls waiting on them */
  private nextLive: Partial<LiveParams> | null = null;
  private nextLiveWaiters: { resolve: (live: LiveParams) => void; reject: (error: unknown) => void }[] = [];
  private lastPullMsValue = 0;
  /** a build started before the page asked for it (prebuild), handed to the create() that asks for the same config */
  private prebuilt: { config: NetworkConfig; result: Promise<CreateResult> } | null = null;
  private buildsAsked = 0;
  private sweep: SweepRunner | null = null;

  constructor(options: SimClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
    this.pacer = new Pacer(
      options.maxStepMsPerPull ?? DEFAULT_MAX_STEP_MS_PER_PULL,
      options.maxSimMsPerPull ?? DEFAULT_MAX_SIM_MS_PER_PULL,
    );
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.buildTimeoutMs = options.buildTimeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
    this.pingEveryMs = options.pingEveryMs ?? DEFAULT_PING_EVERY_MS;
    this.wantVoltages = options.wantVoltages ?? true;
    this.now = options.now ?? (() => performance.now());
  }

  // ---------------------------------------------------------------- the network

  /**
   * Starts building config now, before the page asks for it (page start-up: the worker builds while
   * the page's code loads), sized to the device first when `fit` is given (src/core/fitDevice.ts).
   * The next create() of the config as built (the chosen size) takes this build over instead of
   * starting another; a create() of any other config builds that one. Resolves with the build.
   */
  prebuild(config: NetworkConfig, fit?: FitRequest): Promise<CreateResult> {
    if (this.buildsAsked > 0) return Promise.reject(new Error('A network was asked for already: nothing is prebuilt'));
    const result = this.build(config, fit);
    result.catch(() => undefined); // reported to the create() that takes it over
    this.prebuilt = { config, result };
    return result;
  }

  /** Builds a network (starting the worker if needed). A dead worker is replaced first. */
  async create(config: NetworkConfig): Promise<CreateResult> {
    const prebuilt = this.prebuilt;
    this.prebuilt = null;
    if (prebuilt && !this.dead) {
      const built = await prebuilt.result.catch(() => null);
      const asBuilt = built && { ...prebuilt.config, neurons: built.summary.neurons };
      if (built && JSON.stringify(asBuilt) === JSON.stringify(config)) return built;
    }
    return this.build(config);
  }

  private async build(config: NetworkConfig, fit?: FitRequest): Promise<CreateResult> {
    this.buildsAsked++;
    if (this.dead) this.replaceWorker();
    let result: CreateResult;
    try {
      result = await this.enqueue((api) => (fit ? api.create(config, fit) : api.create(config)), this.buildTimeoutMs);
    } catch (error) {
      // A rejected config leaves the old network running; anything else (out of memory while
      // building) may have cost it, so stop pulling until a network is built again.
      if ((error as Error | null)?.name !== 'ParameterError') this.created = false;
      throw error;
    }
    this.adopt(result);
    this.lastProbes = [];
    return result;
  }

  /** Rebuilds with the same config and the present live parameters; a new seed if given. */
  async reset(seed?: number): Promise<CreateResult> {
    const result = await this.enqueue((api) => api.reset(seed), this.buildTimeoutMs);
    this.adopt(result);
    return result;
  }

  /** Replaces the worker and rebuilds the last good network, live parameters and probes. */
  async restart(): Promise<CreateResult> {
    if (!this.lastConfig || !this.lastLive) throw new Error('Nothing to restart: no network was ever created');
    const config: NetworkConfig = { ...structuredClone(this.lastConfig), live: { ...this.lastLive } };
    const probes = this.lastProbes;
    this.replaceWorker();
    const result = await this.enqueue((api) => api.create(config), this.buildTimeoutMs);
    this.adopt(result);
    if (probes.length > 0) await this.setProbes(probes);
    this.emit({
      kind: 'restarted',
      message: `Simulation restarted: ${result.summary.neurons} neurons, seed ${config.seed}, [Mg]o ${config.live.mgOutMM} mM`,
    });
    return result;
  }

  async setLive(update: Partial<LiveParams>): Promise<LiveParams> {
    const live = await this.enqueue((api) => api.setLive(update), this.callTimeoutMs);
    this.lastLive = live;
    return live;
  }

  /**
   * Live parameters applied at the start of the next chunk, carried by that pull's advance request
   * (no call of their own waits in the queue ahead of it): resolves with the live parameters of the
   * frame that first ran with them. While paused, or with no network, they go at once (setLive).
   */
  setLiveWithNextChunk(update: Partial<LiveParams>): Promise<LiveParams> {
    if (!this.created || this.pausedValue || this.dead) return this.setLive(update);
    this.nextLive = { ...this.nextLive, ...update };
    return new Promise((resolve, reject) => this.nextLiveWaiters.push({ resolve, reject }));
  }

  /** Live parameters still waiting for a chunk go now, on a call of their own (paused, or a rebuild). */
  private flushNextLive(): void {
    const update = this.nextLive;
    const waiters = this.nextLiveWaiters;
    this.nextLive = null;
    this.nextLiveWaiters = [];
    if (!update) return;
    this.setLive(update).then(
      (live) => waiters.forEach((w) => w.resolve(live)),
      (error: unknown) => waiters.forEach((w) => w.reject(error)),
    );
  }

  /** Worker speed on this machine: a throw-away network from config stepped for about budgetMs (the live one is untouched). */
  measureSpeed(config: NetworkConfig, budgetMs: number): Promise<SpeedSample> {
    return this.enqueue((api) => api.measureSpeed(config, budgetMs), this.buildTimeoutMs);
  }

  async setProbes(ids: number[]): Promise<void> {
    this.lastProbes = await this.enqueue((api) => api.setProbes(ids), this.callTimeoutMs);
  }

  /** The session since the last build (bounded), for the NWB download. */
  takeRecording(): Promise<SessionRecording> {
    return this.enqueue((api) => api.takeRecording(), this.callTimeoutMs);
  }

  /** Restarts the running statistics (mean rates, bursts, CV, synchrony) from now. */
  resetStatistics(): Promise<void> {
    return this.enqueue((api) => api.resetStatistics(), this.callTimeoutMs);
  }

  // ---------------------------------------------------------------- streaming

  /**
   * Advances by the chunk owed since the last pull and resolves its frame; resolves null at once
   * when there is nothing to do: no network, paused, dead, a call in flight, or less than one rate
   * bin owed (very slow speeds).
   */
  async pull(): Promise<Frame | null> {
    if (!this.created || this.dead || this.pausedValue || this.pending > 0) return null;
    const askedMs = this.now();
    const chunkMs = this.pacer.takeChunkMs(askedMs);
    if (chunkMs <= 0 && !this.nextLive) return null;
    const live = this.nextLive ?? undefined;
    const waiters = this.nextLiveWaiters;
    this.nextLive = null;
    this.nextLiveWaiters = [];
    let frame: Frame;
    try {
      frame = await this.enqueue(
        (api) => api.advance({ durationMs: chunkMs, wantVoltages: this.wantVoltages && !this.pacer.skipping, live }),
        this.callTimeoutMs,
      );
    } catch (error) {
      for (const w of waiters) w.reject(error);
      throw error;
    }
    if (live) {
      this.lastLive = frame.live;
      for (const w of waiters) w.resolve({ ...frame.live });
    }
    this.lastPullMsValue = this.now() - askedMs;
    this.pacer.account((frame.endStep - frame.startStep) * frame.dtMs, frame.workerStepMs, this.now());
    return frame;
  }

  /** Wall time of the last pull that returned a frame, from asking to the answer, ms (worker step, pack, transfer and waits). */
  get lastPullMs(): number {
    return this.lastPullMsValue;
  }

  /** Simulated ms per wall ms (1 = real time); throws a ParameterError outside SPEED_RANGE. */
  setSpeed(multiplier: number): void {
    this.pacer.setSpeed(multiplier);
  }

  get speed(): number {
    return this.pacer.speed;
  }

  /** Paused: pull() resolves null without stepping, and no simulated time is owed meanwhile. */
  setPaused(paused: boolean): void {
    this.pausedValue = paused;
    this.pacer.hold();
    if (paused) this.flushNextLive();
  }

  get paused(): boolean {
    return this.pausedValue;
  }

  /**
   * Skipping ahead ("Next event", src/ui/lectureTime.ts): each pull advances chunkMs, without the
   * voltage snapshot; null returns to the chosen speed and to voltages as they were asked for.
   */
  setSkip(chunkMs: number | null): void {
    this.pacer.setSkip(chunkMs);
  }

  get skipping(): boolean {
    return this.pacer.skipping;
  }

  setWantVoltages(want: boolean): void {
    this.wantVoltages = want;
  }

  /** Measured simulated ms per wall ms over the last second (0 when nothing ran). */
  get realtimeFactor(): number {
    return this.pacer.realtimeFactor(this.now());
  }

  /** The simulated time one pull may now take: the step-time budget over the measured cost. */
  get chunkLimitMs(): number {
    return this.pacer.chunkLimitMs;
  }

  // ---------------------------------------------------------------- experiments

  /**
   * Runs the [Mg]o sweep in a second worker of its own, so the live network keeps running. One
   * sweep at a time; cancelSweep() ends it by terminating that worker, and it resolves with the
   * rows finished so far.
   */
  runSweep(request: SweepRequest, onProgress: (p: SweepProgress) => void): Promise<SweepResult> {
    if (this.sweep?.running) return Promise.reject(new Error('A sweep is already running'));
    this.sweep = new SweepRunner(this.createWorker, request, onProgress);
    return this.sweep.result;
  }

  /** Ends a running sweep now; its promise resolves with the finished rows and cancelled: true. */
  cancelSweep(): void {
    this.sweep?.cancel();
  }

  get sweepRunning(): boolean {
    return this.sweep?.running ?? false;
  }

  // ---------------------------------------------------------------- life

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** True after the worker died, until create() or restart(). */
  get isDead(): boolean {
    return this.dead;
  }

  /** Ends both workers; calls in flight reject. The client can be used again with create(). */
  terminate(): void {
    this.cancelSweep();
    this.dropWorker(new SimWorkerDeadError('The simulation worker was terminated by the page'));
    this.dead = false;
    this.created = false;
  }

  // ---------------------------------------------------------------- internals

  private adopt(result: CreateResult): void {
    this.lastConfig = result.config;
    this.lastLive = result.live;
    this.created = true;
    this.pacer.restart(result.rateBinMs);
    this.flushNextLive(); // a change meant for the old network's next chunk goes to the new one
  }

  private ensureWorker(): Remote {
    if (this.remote) return this.remote;
    const worker = this.createWorker();
    const generation = this.generation;
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (generation === this.generation) this.declareDead(`The simulation worker failed: ${errorEventMessage(event)}`);
    });
    worker.addEventListener('messageerror', () => {
      if (generation === this.generation) this.emit({ kind: 'error', message: 'A message from the simulation worker could not be read' });
    });
    this.worker = worker;
    this.remote = Comlink.wrap<SimWorkerApi>(worker);
    // after Comlink's listener: the Node emulation's terminate() removes only the last one of a kind
    this.watch = new WorkerWatch(worker, {
      timeoutMs: this.heartbeatTimeoutMs,
      pingEveryMs: this.pingEveryMs,
      onSilent: (silentMs) => {
        if (generation === this.generation) this.declareDead(`The simulation worker stopped answering (nothing for ${silentMs} ms)`);
      },
    });
    return this.remote;
  }

  /** Runs a call after those before it, with a deadline; rejects at once if the worker is dead. */
  private enqueue<T>(call: (api: Remote) => Promise<T>, timeoutMs: number): Promise<T> {
    if (this.dead) return Promise.reject(new SimWorkerDeadError(`${this.deathMessage} — call restart()`));
    const remote = this.ensureWorker();
    const generation = this.generation;
    this.pending++;
    const result = this.queue.then(() => {
      if (generation !== this.generation) throw new SimWorkerDeadError('The simulation worker was replaced before this call ran');
      const watch = this.watch;
      watch?.callSent(); // before the call is posted: a worker emulated on this thread acknowledges it at once
      const answer = call(remote);
      return this.withDeadline(answer, timeoutMs, generation).finally(() => watch?.callEnded());
    });
    const settled = (): void => {
      this.pending--;
    };
    this.queue = result.then(settled, settled);
    return result;
  }

  private withDeadline<T>(answer: Promise<T>, timeoutMs: number, generation: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.unanswered.add(reject);
      const timer = setTimeout(() => {
        if (generation === this.generation) this.declareDead(`The simulation worker did not answer within ${timeoutMs} ms`);
      }, timeoutMs);
      answer.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        this.unanswered.delete(reject);
      });
    });
  }

  private declareDead(message: string): void {
    if (this.dead) return;
    this.dropWorker(new SimWorkerDeadError(message));
    this.dead = true;
    this.deathMessage = message;
    this.emit({ kind: 'dead', message });
  }

  /** Terminates the worker and rejects every call waiting on it. */
  private dropWorker(reason: Error): void {
    this.generation++;
    this.watch?.stop();
    this.watch = null;
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.queue = Promise.resolve();
    const waiting = [...this.unanswered];
    this.unanswered.clear();
    for (const reject of waiting) reject(reason);
  }

  private replaceWorker(): void {
    this.dropWorker(new SimWorkerDeadError('The simulation worker was replaced'));
    this.dead = false;
    this.deathMessage = '';
  }

  private emit(status: SimStatus): void {
    for (const listener of [...this.listeners]) listener(status);
  }
}
