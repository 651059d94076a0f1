/**
 * "Next event", for the lecture hall: skip ahead — big chunks as fast as the worker answers, no
 * voltage snapshots, the views redrawn only every SKIP_DRAW_INTERVAL_MS — until an ictal event
 * begins, then return to real time so the event plays at 1×. If an event is already under way when
 * asked, it waits for that one to end and skips to the next. The decision is pure
 * (NextEventWatch.frame); the page part (LectureTime) only switches the client and the loop.
 */
import type { SimClient } from '../client/simClient';
import type { AnalysisSummary } from '../protocol/types';

/** Simulated time one pull advances while skipping, ms: at 10,000 cells about half a second of worker time here. */
export const SKIP_CHUNK_MS = 500;
/** While skipping, the views are redrawn at most this often, real ms (the status line keeps its own pace). */
export const SKIP_DRAW_INTERVAL_MS = 500;
/** Give up skipping after this much simulated time without an event, ms (a network that never seizes). */
export const SKIP_LIMIT_MS = 300_000;

export type WatchResult = 'skipping' | 'arrived' | 'gave-up';

/** Watches the frames' analysis for the start of an ictal event. Pure. */
export class NextEventWatch {
  /** an event was under way when the skip began: wait for it to end first */
  private waitingForEnd: boolean;
  private readonly startMs: number;

  constructor(summary: Pick<AnalysisSummary, 'inIctalEvent'> | null, nowMs: number) {
    this.waitingForEnd = summary?.inIctalEvent ?? false;
    this.startMs = nowMs;
  }

  /** A frame's summary at simulated time nowMs: has the next event begun? */
  frame(summary: Pick<AnalysisSummary, 'inIctalEvent'>, nowMs: number): WatchResult {
    if (this.waitingForEnd) {
      if (!summary.inIctalEvent) this.waitingForEnd = false;
    } else if (summary.inIctalEvent) {
      return 'arrived';
    }
    return nowMs - this.startMs > SKIP_LIMIT_MS ? 'gave-up' : 'skipping';
  }
}

export interface LectureHooks {
  /** the skip started or ended (the button, the loop's drawing pace) */
  skipping(on: boolean): void;
  /** the skip ended: arrived at an event, or gave up */
  ended(result: Exclude<WatchResult, 'skipping'>): void;
  /** the latest frame's summary and time, or null before the first frame */
  latest(): { summary: AnalysisSummary; nowMs: number } | null;
}

export class LectureTime {
  private watch: NextEventWatch | null = null;

  constructor(
    private readonly client: SimClient,
    private readonly hooks: LectureHooks,
  ) {}

  get active(): boolean {
    return this.watch !== null;
  }

  /** Starts skipping, or stops a skip under way. */
  toggle(): void {
    if (this.watch) this.stop();
    else this.start();
  }

  start(): void {
    const latest = this.hooks.latest();
    this.watch = new NextEventWatch(latest?.summary ?? null, latest?.nowMs ?? 0);
    if (this.client.paused) this.client.setPaused(false);
    this.client.setSkip(SKIP_CHUNK_MS);
    this.hooks.skipping(true);
  }

  /** Back to the chosen speed (a new network, the user pressed the button again). */
  stop(): void {
    if (!this.watch) return;
    this.watch = null;
    this.client.setSkip(null);
    this.hooks.skipping(false);
  }

  /** Every frame: at the start of an event, back to real time. */
  frame(summary: AnalysisSummary, nowMs: number): void {
    if (!this.watch) return;
    const result = this.watch.frame(summary, nowMs);
    if (result === 'skipping') return;
    this.stop();
    this.hooks.ended(result);
  }
}
