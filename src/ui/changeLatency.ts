/**
 * Latency of a live change, measured inside the page: from the input that changed a value (the
 * [Mg]o slider) to the draw of the first frame whose data carries it (Frame.live). A frame that
 * carries the value marks the change as arrived; the next draw of the views ends it. The latest
 * LATENCY_KEPT changes are kept for a median and a 95th percentile.
 */

/** Changes kept for the statistics. */
export const LATENCY_KEPT = 20;

export interface LatencyFigures {
  medianMs: number;
  p95Ms: number;
  count: number;
}

export class ChangeLatency {
  private readonly latenciesMs: number[] = [];
  private pending: { value: number; atMs: number; arrived: boolean } | null = null;

  /** The value changed at atMs (a newer change replaces one still under way: the latest is what the user waits for). */
  changed(value: number, atMs: number): void {
    this.pending = { value, atMs, arrived: false };
  }

  /** A frame carrying `value` was taken in. */
  frame(value: number): void {
    if (this.pending && this.pending.value === value) this.pending.arrived = true;
  }

  /** The views were drawn at nowMs: a change whose frame had arrived is complete; returns its latency, ms, or null. */
  drawn(nowMs: number): number | null {
    const p = this.pending;
    if (!p || !p.arrived) return null;
    this.pending = null;
    const latencyMs = nowMs - p.atMs;
    this.latenciesMs.push(latencyMs);
    if (this.latenciesMs.length > LATENCY_KEPT) this.latenciesMs.shift();
    return latencyMs;
  }

  /** The start of the change under way (for a performance.measure), or null. */
  get pendingSinceMs(): number | null {
    return this.pending?.atMs ?? null;
  }

  figures(): LatencyFigures {
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    const at = (q: number): number => {
      if (sorted.length === 0) return Number.NaN;
      const i = (sorted.length - 1) * q;
      const lo = Math.floor(i);
      const hi = Math.ceil(i);
      return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
    };
    return { medianMs: at(0.5), p95Ms: at(0.95), count: sorted.length };
  }
}
