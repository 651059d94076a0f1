/**
 * Noticing a worker that died without a word. A worker that throws fires an error event, but one
 * that is closed, killed by the browser or lost with its process fires nothing: its calls simply
 * go unanswered. Waiting for a call's deadline (15 s, or 2 minutes for a build, since a build of
 * 100,000 cells legitimately takes seconds) is far too slow for the page to say so.
 *
 * So the worker answers every message at once with a beat, before the call the message carries
 * runs (workers/sim.worker.ts): a beat says "received, and working on it". The watch counts the
 * messages it sends (calls and pings) and reads in each beat how many the worker has received.
 * A message not acknowledged within `timeoutMs` means the worker is gone. While the worker works
 * on an acknowledged call it cannot answer, so then the watch waits (the call's own deadline
 * still holds); between calls it pings every `pingEveryMs`, so a death while idle is noticed
 * within pingEveryMs + timeoutMs.
 *
 * A page that was frozen or busy (a hidden tab's throttled timers, a long frame) may run this
 * timer before the beats that arrived meanwhile: a tick that comes late restarts the wait rather
 * than blaming the worker.
 */

/** The liveness messages; Comlink's own messages carry an `id`, these never do. */
export type HeartbeatMessage = { mgGateHeartbeat: 'ping' } | { mgGateHeartbeat: 'beat'; received: number };

export const PING: HeartbeatMessage = { mgGateHeartbeat: 'ping' };

/** A message unacknowledged this long means the worker is dead, ms. */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 1500;
/** How often an idle worker is pinged (and the watch looks), ms. */
export const DEFAULT_PING_EVERY_MS = 500;

export interface WatchOptions {
  timeoutMs: number;
  pingEveryMs: number;
  /** the worker sent nothing for `silentMs` after a message that it should have answered at once */
  onSilent(silentMs: number): void;
}

export class WorkerWatch {
  /** messages sent to the worker, and how many of them it has acknowledged */
  private sentCount = 0;
  private ackedCount = 0;
  /** when each unacknowledged message was sent, oldest first */
  private readonly unacked: number[] = [];
  /** calls in flight: while one runs, an idle ping would wait behind it */
  private calls = 0;
  /** the worker has spoken once (its script has loaded); a slow start is the call deadline's business */
  private started = false;
  private lastTickMs = performance.now();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly listener = (event: MessageEvent): void => this.heard(event.data);

  constructor(
    private readonly worker: Worker,
    private readonly options: WatchOptions,
  ) {
    worker.addEventListener('message', this.listener);
    this.timer = setInterval(() => this.tick(), options.pingEveryMs);
  }

  /** A call was just posted to the worker. */
  callSent(): void {
    this.calls++;
    this.sent();
  }

  /** A call was answered, or failed. */
  callEnded(): void {
    this.calls = Math.max(0, this.calls - 1);
  }

  stop(): void {
    clearInterval(this.timer);
    this.worker.removeEventListener('message', this.listener);
  }

  private sent(): void {
    this.sentCount++;
    this.unacked.push(performance.now());
  }

  private heard(data: unknown): void {
    this.started = true;
    const beat = data as Partial<{ mgGateHeartbeat: string; received: unknown }> | null;
    if (beat?.mgGateHeartbeat !== 'beat' || typeof beat.received !== 'number') return;
    // the worker also counts messages that Comlink sends on its own: never more than were sent
    const acked = Math.min(this.sentCount, beat.received);
    if (acked > this.ackedCount) this.unacked.splice(0, acked - this.ackedCount);
    this.ackedCount = Math.max(this.ackedCount, acked);
  }

  private tick(): void {
    const nowMs = performance.now();
    const late = nowMs - this.lastTickMs > 2 * this.options.pingEveryMs;
    this.lastTickMs = nowMs;
    if (late) this.unacked.fill(nowMs); // answers may be queued behind this very tick
    if (!this.started) return;
    if (this.unacked.length > 0) {
      const silentMs = nowMs - this.unacked[0];
      if (silentMs > this.options.timeoutMs) this.options.onSilent(Math.round(silentMs));
      return;
    }
    if (this.calls === 0) {
      this.sent(); // first: a worker emulated on this thread answers inside postMessage
      this.worker.postMessage(PING);
    }
  }
}
