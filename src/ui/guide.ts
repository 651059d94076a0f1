/**
 * What the page says and checks about itself, from one snapshot (liveSnapshot.ts): the announcer
 * (announcer.ts, through the polite region #announce), the "describe" action (describe.ts: button
 * and key D, said and shown), the guided lessons (lessonsPanel.ts) and the optional sound
 * (sonification.ts, the Sound and Volume controls). The composition root hands it the snapshot and
 * calls tick() at the status line's pace and frame() for every frame.
 */
import type { Frame } from '../protocol/types';
import { AnnouncePolicy } from './announcer';
import { describeSnapshot } from './describe';
import { announce, byId, setText } from './dom';
import { LessonsPanel } from './lessonsPanel';
import type { LiveSnapshot } from './liveSnapshot';
import { Sonifier } from './sonification';
import type { SoundMode } from './sonification';

/** Two sentences said within this many ms go out together (a live region speaks its latest text). */
const JOIN_WITHIN_MS = 1000;
/** The shown description closes itself after this long, ms (it stays said in the live region). */
const DESCRIBED_SHOWN_MS = 30_000;

export class Guide {
  readonly lessons: LessonsPanel;
  readonly sound = new Sonifier();
  private readonly policy = new AnnouncePolicy();
  private readonly region: HTMLElement;
  private lastSaidMs = -Infinity;
  private describedTimer: number | null = null;

  constructor(
    private readonly win: Window,
    private readonly snapshot: () => LiveSnapshot,
    /** the lesson's place changed: the address follows */
    placeChanged: () => void,
  ) {
    const doc = win.document;
    this.region = byId(doc, 'announce');
    this.lessons = new LessonsPanel(doc, { placeChanged, announce: (text) => this.say(text) });
    byId(doc, 'describe').addEventListener('click', () => this.describe());
    byId(doc, 'described-close').addEventListener('click', () => this.hideDescribed());
    const mode = byId<HTMLSelectElement>(doc, 'sound');
    const volume = byId<HTMLInputElement>(doc, 'volume');
    mode.addEventListener('change', () => {
      this.sound.setMode(mode.value as SoundMode);
      doc.documentElement.dataset.sound = this.sound.mode;
    });
    volume.addEventListener('input', () => {
      this.sound.setVolume(Number(volume.value));
      volume.setAttribute('aria-valuetext', `${Math.round(Number(volume.value) * 100)} %`);
    });
  }

  /** The page's slower pulse: the lessons check their step, the announcer says what changed. */
  tick(nowMs: number): void {
    const snapshot = this.snapshot();
    this.lessons.observe(snapshot);
    const mgFocused = this.win.document.activeElement?.id === 'mg';
    const text = this.policy.next(snapshot, nowMs, mgFocused);
    if (text) this.say(text);
  }

  frame(frame: Frame): void {
    this.sound.frame(frame.analysis.smoothedRateHz, frame.analysis.inBurst);
  }

  /** Puts the present state into words: said, and shown under the top bar. */
  describe(): void {
    const text = describeSnapshot(this.snapshot());
    this.say(text);
    const doc = this.win.document;
    setText(byId(doc, 'described-text'), text);
    byId(doc, 'described').hidden = false;
    if (this.describedTimer !== null) this.win.clearTimeout(this.describedTimer);
    this.describedTimer = this.win.setTimeout(() => this.hideDescribed(), DESCRIBED_SHOWN_MS);
  }

  /** Says a sentence; one said just before is kept in front of it, so neither is lost. */
  say(text: string): void {
    const now = this.win.performance.now();
    const previous = now - this.lastSaidMs < JOIN_WITHIN_MS ? this.region.textContent ?? '' : '';
    this.lastSaidMs = now;
    announce(this.win.document, previous ? `${previous} ${text}` : text);
  }

  private hideDescribed(): void {
    byId(this.win.document, 'described').hidden = true;
    if (this.describedTimer !== null) this.win.clearTimeout(this.describedTimer);
    this.describedTimer = null;
  }
}
