/**
 * The status line's text, e.g. `t 12.3 s · Mg 0.40 mM · rate 6.1 Hz · bursts 3 · 1.0× real time ·
 * 60 fps`. Pure formatting plus a small frame counter; the page writes the text (textContent) into
 * the role="status" element at most STATUS_INTERVAL_MS apart so screen readers are not flooded.
 */

/** How often the status line may change, ms. */
export const STATUS_INTERVAL_MS = 500;

export interface StatusValues {
  timeMs: number;
  mgOutMM: number;
  /** population rate over the recent window, Hz */
  rateHz: number;
  bursts: number;
  /** simulated ms per real ms, measured */
  realtimeFactor: number;
  fps: number;
  paused: boolean;
}

export function formatStatus(v: StatusValues): string {
  const parts = [
    `t ${(v.timeMs / 1000).toFixed(1)} s`,
    `Mg ${v.mgOutMM.toFixed(2)} mM`,
    `rate ${formatRate(v.rateHz)} Hz`,
    `bursts ${v.bursts}`,
    v.paused ? 'paused' : `${formatFactor(v.realtimeFactor)}× real time`,
    `${Math.round(v.fps)} fps`,
  ];
  return parts.join(' · ');
}

function formatRate(hz: number): string {
  return hz >= 100 ? hz.toFixed(0) : hz.toFixed(1);
}

function formatFactor(f: number): string {
  return f >= 10 ? f.toFixed(0) : f >= 0.095 ? f.toFixed(1) : f.toFixed(2);
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
