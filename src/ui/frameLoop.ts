/**
 * The page's loop, one turn per animation frame: pull the simulated time owed from the worker,
 * ingest the frame (views, spike memory, performance meter), draw, and every STATUS_INTERVAL_MS
 * rewrite the status line, the performance overlay and the block's median.
 */
import type { SimClient } from '../client/simClient';
import type { Frame } from '../protocol/types';
import type { NetworkSession } from './networkSession';
import { PAGE_MARKS, PerfOverlay } from './perfOverlay';
import type { SpikeRing } from './spikeRing';
import { FpsMeter, formatStatus, STATUS_INTERVAL_MS } from './status';
import type { Views } from './views';

/** Window of the "rate" in the status line, simulated ms. */
export const STATUS_RATE_WINDOW_MS = 2000;
/** A pull answered later than this (a 60 Hz frame, ms) is followed by the next one at once. */
const CHAIN_PULL_AFTER_MS = 1000 / 60;

export interface LoopParts {
  client: SimClient;
  session: NetworkSession;
  views: Views;
  spikes: SpikeRing;
  /** writes the status line */
  status(text: string): void;
  /** every frame that arrives (after the views took it) */
  frame?(frame: Frame): void;
  /** every STATUS_INTERVAL_MS, after the status line: the page's slower observers */
  tick?(nowMs: number): void;
}

export class FrameLoop {
  readonly overlay: PerfOverlay;
  private readonly fps = new FpsMeter();
  private latest: Frame | null = null;
  private lastDrawMs = 0;
  private lastStatusMs = -Infinity;
  /** views are redrawn at most this often, real ms (0: every animation frame; lectureTime.ts sets it while skipping) */
  private drawIntervalMs = 0;
  private lastViewsDrawMs = -Infinity;
  private owedDrawMs = 0;
  /** a frame with simulated time > 0 has been taken in, and the page's first one is not yet drawn */
  private firstFrameWaiting = false;
  /** one callback for every frame: requestAnimationFrame gets no fresh closure per frame */
  private readonly tick = (nowMs: number): void => this.frame(nowMs);

  constructor(
    private readonly win: Window,
    private readonly parts: LoopParts,
  ) {
    this.overlay = new PerfOverlay(win.document, () => this.showOverlay(performance.now()));
  }

  start(): void {
    this.win.requestAnimationFrame(this.tick);
  }

  /** The latest frame of the running network (null until one arrives after a build). */
  get lastFrame(): Frame | null {
    return this.latest;
  }

  /** A new network: the previous one's frame is forgotten and the status line rewritten at once. */
  restart(): void {
    this.latest = null;
    this.statusSoon();
  }

  /** Draw the views at most every intervalMs of real time (0: every frame). The glow still advances by the real time passed. */
  setDrawInterval(intervalMs: number): void {
    this.drawIntervalMs = intervalMs;
  }

  /**
   * [Mg]o was changed by the user now: the overlay measures until the first frame that carries it is
   * drawn (a value the latest frame already has is no change).
   */
  mgChanged(mgOutMM: number): void {
    if (this.latest?.live.mgOutMM === mgOutMM) return;
    this.overlay.meter.mgLatency.changed(mgOutMM, performance.now());
  }

  /** The status line is rewritten at the next frame (after pause or play, not half a second later). */
  statusSoon(): void {
    this.lastStatusMs = -Infinity;
  }

  private frame(nowMs: number): void {
    this.win.requestAnimationFrame(this.tick);
    const { client, session, views } = this.parts;
    const dtMs = this.lastDrawMs === 0 ? 0 : nowMs - this.lastDrawMs;
    this.lastDrawMs = nowMs;
    this.fps.tick(nowMs);
    if (!session.building && session.built) this.pull();
    this.owedDrawMs += client.paused ? 0 : dtMs;
    if (nowMs - this.lastViewsDrawMs >= this.drawIntervalMs) {
      this.lastViewsDrawMs = nowMs;
      const drawStartMs = performance.now();
      views.draw(this.owedDrawMs);
      const drawnMs = performance.now();
      this.owedDrawMs = 0;
      this.drawn(drawStartMs, drawnMs);
    }
    if (nowMs - this.lastStatusMs >= STATUS_INTERVAL_MS) {
      this.lastStatusMs = nowMs;
      this.showStatus(nowMs);
      this.showOverlay(nowMs);
      views.showBlockMedian();
      this.parts.tick?.(nowMs);
    }
  }

  /**
   * Asks the worker for the simulated time owed since the last pull. When the answer took longer
   * than a display frame, the worker (not the display) is what limits the simulation: the next
   * chunk is asked for at once, so the worker steps while this thread draws, instead of idling
   * until the next animation frame (which capped a slowly rendering page at a fraction of real
   * time). A fast worker is asked once per animation frame.
   */
  private pull(): void {
    const { client, session } = this.parts;
    const askedMs = performance.now();
    client.pull().then(
      (frame) => {
        if (!frame || session.building) return;
        // the next chunk is asked for before this one is taken in, so the worker does not wait on the ingest
        if (performance.now() - askedMs > CHAIN_PULL_AFTER_MS && session.built) this.pull();
        this.ingest(frame, client.lastPullMs);
      },
      () => {
        /* a dead worker is reported through the session (SimClient.onStatus) */
      },
    );
  }

  private ingest(frame: Frame, roundTripMs: number): void {
    const t0 = performance.now();
    this.latest = frame;
    this.parts.views.ingest(frame);
    this.parts.spikes.add(frame.spikeIds, frame.spikeSteps, frame.endStep);
    this.parts.frame?.(frame);
    const meter = this.overlay.meter;
    meter.mgLatency.frame(frame.live.mgOutMM);
    if (meter.firstFrameMs === null && frame.endStep > 0) this.firstFrameWaiting = true;
    const nowMs = performance.now();
    meter.add(frame, nowMs, roundTripMs, nowMs - t0);
  }

  /** The views were drawn: the page's first simulated frame and a [Mg]o change's frame are now on screen. */
  private drawn(startMs: number, endMs: number): void {
    const meter = this.overlay.meter;
    meter.addDraw(endMs - startMs, endMs);
    if (this.firstFrameWaiting) {
      this.firstFrameWaiting = false;
      meter.firstFrameMs = endMs; // performance.now() counts from the navigation's start
      performance.mark(PAGE_MARKS.firstFrame, { startTime: endMs });
    }
    const since = meter.mgLatency.pendingSinceMs;
    if (since !== null && meter.mgLatency.drawn(endMs) !== null) {
      performance.measure(PAGE_MARKS.mgDrawn, { start: since, end: endMs });
    }
  }

  private showStatus(nowMs: number): void {
    const { client, session, views } = this.parts;
    const built = session.built;
    const stage = views.stage;
    if (session.building || !built || !stage || session.phase === 'error') return;
    const frame = this.latest;
    this.parts.status(
      formatStatus({
        timeMs: frame ? frame.endStep * frame.dtMs : 0,
        mgOutMM: frame ? frame.live.mgOutMM : built.live.mgOutMM,
        rateHz: stage.rate.history.meanRate(STATUS_RATE_WINDOW_MS),
        bursts: frame ? frame.analysis.bursts : 0,
        kOutMaxMM: frame?.ions ? frame.ions.kOutMaxMM : null,
        ictalEvents: frame ? frame.analysis.ictalEvents : 0,
        inIctalEvent: frame ? frame.analysis.inIctalEvent : false,
        realtimeFactor: client.realtimeFactor,
        fps: this.fps.fps(nowMs),
        paused: client.paused,
      }),
    );
  }

  private showOverlay(nowMs: number): void {
    const stage = this.parts.views.stage;
    if (!this.overlay.shown || !stage) return;
    this.overlay.show(this.overlay.meter.figures(nowMs, stage.drawMs, this.fps.fps(nowMs)));
  }
}
