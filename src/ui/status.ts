/**
 * The status line's text (its parts joined by no-break spaces inside, shown here as plain ones), e.g. `t 12.3 s · Mg 0.40 mM · rate 6.1 Hz · bursts 3 · 1.0× real time ·
 * 60 fps`; while ions move it also gives the highest [K⁺]o and the ictal events,
 * `t 9.0 s · Mg 0.00 mM · K 11.8 mM · ictal 1 under way · rate 20.3 Hz · bursts 2 · 1.0× real time ·
 * 60 fps` (the count includes the event under way; `ictal 1` once it has ended), and its reading back (parseStatus, for the end-to-end tests and the browser benchmark,
 * which watch the page as a user would). Pure formatting plus a small frame counter; the page writes
 * the text (textContent) into the role="status" element at most STATUS_INTERVAL_MS apart so screen
 * readers are not flooded.
 */

/** How often the status line may change, ms. */
export const STATUS_INTERVAL_MS = 500;

export interface StatusValues {
  timeMs: number;
  mgOutMM: number;
  /** population rate over the recent window, Hz */
  rateHz: number;
  bursts: number;
  /** the highest [K⁺]o of any patch now, mM; null with fixed ions (then no K or ictal part is shown) */
  kOutMaxMM?: number | null;
  /** ictal events that have ended */
  ictalEvents?: number;
  /** an ictal event is under way */
  inIctalEvent?: boolean;
  /** simulated ms per real ms, measured (not shown while paused) */
  realtimeFactor: number;
  fps: number;
  paused: boolean;
}

export function formatStatus(v: StatusValues): string {
  const parts = [
    `t ${(v.timeMs / 1000).toFixed(1)} s`,
    `Mg ${v.mgOutMM.toFixed(2)} mM`,
    // the ion parts come early: they matter most in a seizure, and a narrow box shows them on the first line
    ...(ionsShown(v) ? [`K ${v.kOutMaxMM!.toFixed(1)} mM`, formatIctal(v.ictalEvents ?? 0, v.inIctalEvent ?? false)] : []),
    `rate ${formatRate(v.rateHz)} Hz`,
    `bursts ${v.bursts}`,
    v.paused ? 'paused' : `${formatFactor(v.realtimeFactor)}× real time`,
    `${Math.round(v.fps)} fps`,
  ];
  // each part held together (no-break spaces), so a line too long for its box wraps between parts
  // ("ictal 1 under way" is never split) and the box can reserve room for whole lines (style.css)
  return parts.map((part) => part.replaceAll(' ', NBSP)).join(' · ');
}

const NBSP = '\u00a0';

function ionsShown(v: StatusValues): boolean {
  return v.kOutMaxMM !== undefined && v.kOutMaxMM !== null && Number.isFinite(v.kOutMaxMM);
}

function formatIctal(ended: number, underWay: boolean): string {
  return underWay ? `ictal ${ended + 1} under way` : `ictal ${ended}`;
}

// The thresholds are on the rounded value (99.96 Hz is "100", not "100.0"), so a line reads back to itself.
function formatRate(hz: number): string {
  return hz >= 99.95 ? hz.toFixed(0) : hz.toFixed(1);
}

function formatFactor(f: number): string {
  return f >= 9.95 ? f.toFixed(0) : f >= 0.095 ? f.toFixed(1) : f.toFixed(2);
}

const DECIMAL = String.raw`(\d+(?:\.\d+)?)`;
/** formatStatus's shape, field for field; a change to one must change the other (status.test.ts holds them together). */
const STATUS_LINE = new RegExp(
  `^t ${DECIMAL} s · Mg ${DECIMAL} mM(?: · K ${DECIMAL} mM · ictal (\\d+)( under way)?)? · rate ${DECIMAL} Hz · bursts (\\d+) · (?:${DECIMAL}× real time|(paused)) · (\\d+) fps$`,
);

/**
 * The figures of a status line, as precise as the line shows them (time to 0.1 s, [Mg]o to 0.01 mM…);
 * null for any other text (the building and error messages). A paused line has no real-time factor:
 * it reads as 0, with `paused` set.
 */
export function parseStatus(text: string): StatusValues | null {
  const m = STATUS_LINE.exec(text.replaceAll(NBSP, ' ').trim());
  if (!m) return null;
  const values: StatusValues = {
    timeMs: Math.round(Number(m[1]) * 10) * 100, // tenths of a second, read back as whole ms
    mgOutMM: Number(m[2]),
    rateHz: Number(m[6]),
    bursts: Number(m[7]),
    realtimeFactor: m[9] === undefined ? Number(m[8]) : 0,
    fps: Number(m[10]),
    paused: m[9] !== undefined,
  };
  if (m[3] !== undefined) {
    const underWay = m[5] !== undefined;
    values.kOutMaxMM = Number(m[3]);
    values.inIctalEvent = underWay;
    values.ictalEvents = Number(m[4]) - (underWay ? 1 : 0);
  }
  return values;
}

/** Frames per second over the last second of display frames (a ring of timestamps). */
export class FpsMeter {
  private readonly stamps = new Float64Array(240);
  private head = 0;
  private count = 0;

  tick(nowMs: number): void {
    this.stamps[this.head] = nowMs;
    this.head = (this.head + 1) % this.stamps.length;
    if (this.count < this.stamps.length) this.count++;
  }

  fps(nowMs: number): number {
    let frames = 0;
    let oldest = nowMs;
    for (let k = 1; k <= this.count; k++) {
      const t = this.stamps[(this.head - k + this.stamps.length) % this.stamps.length];
      if (t < nowMs - 1000) break;
      frames++;
      oldest = t;
    }
    if (frames < 2) return 0;
    return ((frames - 1) * 1000) / Math.max(1, nowMs - oldest);
  }
}
