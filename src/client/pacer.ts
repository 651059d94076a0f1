/**
 * Pacing of the page's pulls: how much simulated time each pull asks for, so the simulation holds
 * real time at the chosen speed — and, when the machine cannot, runs slower than real time rather
 * than making the worker take longer than its step budget per pull.
 *
 * Each pull owes speed × (wall time since the previous pull), carried over in whole rate bins; the
 * owed time is capped by maxStepMsPerPull over the measured worker cost per simulated ms (a moving
 * average of frame.workerStepMs), and by maxSimMsPerPull.
 */
import { checkField } from '../core/params';

/** Speed range (simulated ms per wall ms). */
export const SPEED_RANGE = { min: 0.01, max: 16, unit: '×' };
/** Wall time assumed for a pull with no predecessor (one 60 Hz frame), ms. */
const FIRST_PULL_WALL_MS = 1000 / 60;
/** The most wall time one pull makes up for (a tab back from the background does not jump), ms. */
const MAX_CATCH_UP_WALL_MS = 250;
/** Smoothing of the measured worker cost per simulated ms (exponential moving average weight). */
const COST_SMOOTHING = 0.25;
/** Window of the real-time factor, ms. */
const REALTIME_WINDOW_MS = 1000;

export class Pacer {
  private speedValue = 1;
  private rateBinMs = 1;
  private owedMs = 0;
  private lastPullWallMs: number | null = null;
  private costMsPerSimMs: number | null = null;
  private readonly frameLog: { atMs: number; simMs: number }[] = [];
  private measuringSinceMs: number | null = null;
  /** while skipping ahead ("Next event"): every pull asks for this much simulated time, whatever is owed */
  private skipMs: number | null = null;

  constructor(
    private readonly maxStepMsPerPull: number,
    private readonly maxSimMsPerPull: number,
  ) {}

  get speed(): number {
    return this.speedValue;
  }

  setSpeed(multiplier: number): void {
    this.speedValue = checkField('speed', multiplier, SPEED_RANGE);
  }

  /**
   * Skipping ahead: each pull asks for chunkMs of simulated time (whole rate bins), as fast as the
   * worker answers, instead of speed × wall time; null goes back to the chosen speed.
   */
  setSkip(chunkMs: number | null): void {
    this.skipMs = chunkMs;
    this.owedMs = 0;
  }

  get skipping(): boolean {
    return this.skipMs !== null;
  }

  /** A new network: forget what was owed and measured. */
  restart(rateBinMs: number): void {
    this.rateBinMs = rateBinMs;
    this.costMsPerSimMs = null;
    this.frameLog.length = 0;
    this.measuringSinceMs = null;
    this.hold();
  }

  /** Nothing is owed for the time until the next pull (paused, or a new network). */
  hold(): void {
    this.owedMs = 0;
    this.lastPullWallMs = null;
  }

  /** The simulated time to ask for now, a whole number of rate bins; 0 when less than a bin is owed. */
  takeChunkMs(nowMs: number): number {
    const elapsedMs =
      this.lastPullWallMs === null ? FIRST_PULL_WALL_MS : Math.min(Math.max(0, nowMs - this.lastPullWallMs), MAX_CATCH_UP_WALL_MS);
    this.lastPullWallMs = nowMs;
    this.measuringSinceMs ??= nowMs;
    if (this.skipMs !== null) return Math.max(1, Math.round(this.skipMs / this.rateBinMs)) * this.rateBinMs;
    this.owedMs = Math.min(this.owedMs + this.speedValue * elapsedMs, this.chunkLimitMs);
    // whole rate bins, so every frame's bins are full and line up with the previous frame's
    const chunkMs = Math.floor(this.owedMs / this.rateBinMs + 1e-9) * this.rateBinMs;
    if (chunkMs > 0) this.owedMs = Math.max(0, this.owedMs - chunkMs);
    return chunkMs;
  }

  /** A frame arrived: learn the worker's cost and log its simulated time. */
  account(simMs: number, workerStepMs: number, nowMs: number): void {
    if (simMs > 0) {
      const cost = workerStepMs / simMs;
      this.costMsPerSimMs = this.costMsPerSimMs === null ? cost : this.costMsPerSimMs + COST_SMOOTHING * (cost - this.costMsPerSimMs);
    }
    this.frameLog.push({ atMs: nowMs, simMs });
  }

  /** The simulated time one pull may now take: the step budget over the measured cost, capped. */
  get chunkLimitMs(): number {
    const byCost =
      this.costMsPerSimMs === null || this.costMsPerSimMs <= 0
        ? 2 * FIRST_PULL_WALL_MS
        : this.maxStepMsPerPull / this.costMsPerSimMs;
    return Math.max(this.rateBinMs, Math.min(this.maxSimMsPerPull, byCost));
  }

  /** Simulated ms per wall ms over the last second (0 when nothing ran). */
  realtimeFactor(nowMs: number): number {
    const log = this.frameLog;
    while (log.length > 0 && log[0].atMs <= nowMs - REALTIME_WINDOW_MS) log.shift();
    if (log.length === 0 || this.measuringSinceMs === null) return 0;
    const spanMs = Math.min(REALTIME_WINDOW_MS, nowMs - this.measuringSinceMs);
    if (spanMs <= 0) return 0;
    let simMs = 0;
    for (const entry of log) simMs += entry.simMs;
    return simMs / spanMs;
  }
}
