/**
 * What the screen-reader announcer (#announce, a polite live region) says on its own: changes worth
 * hearing, never the numbers of every frame (the visible status line keeps those, out of aria-live).
 *
 * - a network built or restarted ("Network ready: 10,000 neurons, [Mg]o 1.20 mM"; "probes cleared"
 *   when a rebuild dropped them);
 * - a new [Mg]o once it has settled for MG_SETTLE_MS, unless the slider has focus (it speaks its own
 *   value text);
 * - the first population burst after a quiet spell, then while bursting goes on at most one summary
 *   every BURST_SUMMARY_MS, and that it stopped once BURST_QUIET_MS pass without one;
 * - an ictal event's start (its onset and the highest [K⁺]o) and its end (how long it lasted), each
 *   once: an event is seconds long and rare, so it is always worth a sentence;
 * - a sweep started, finished, cancelled or failed (its progress bar's text is not live: it changes
 *   with every chunk).
 *
 * Pure: fed snapshots and the real time, it returns the sentence to say or null.
 */
import type { LiveSnapshot } from './liveSnapshot';
import { mgValueText } from './mgLandmarks';

/** [Mg]o unchanged this long (real ms) before it is said: a drag is said once, at its end. */
export const MG_SETTLE_MS = 800;
/** Bursting goes on: a summary at most this often, real ms. */
export const BURST_SUMMARY_MS = 15_000;
/** No burst for this long (real ms): bursting has stopped, and the next one is "a burst" again. */
export const BURST_QUIET_MS = 10_000;

const SWEEP_SAID = {
  running: 'The sweep started.',
  done: 'The sweep finished; its plot is under the progress bar.',
  cancelled: 'The sweep was cancelled.',
  failed: 'The sweep failed; the message is under the progress bar.',
} as const;

export class AnnouncePolicy {
  private last: LiveSnapshot | null = null;
  private mgSaid = Number.NaN;
  private mgChangedAtMs = -Infinity;
  private bursting = false;
  private lastBurstMs = -Infinity;
  private lastBurstSaidMs = -Infinity;
  private burstsAtSummary = 0;
  /** onset of the ictal event said to have begun, simulated ms; null when none is under way */
  private ictalSaidOnsetMs: number | null = null;

  /** The sentence to say for this snapshot, or null. `mgFocused`: the slider has focus. */
  next(s: LiveSnapshot, realMs: number, mgFocused = false): string | null {
    const prev = this.last;
    this.last = s;
    if (prev === null) {
      this.mgSaid = s.mgOutMM;
      return null;
    }
    const said: string[] = [];

    if (s.phase === 'running' && (prev.phase !== 'running' || s.builds !== prev.builds)) {
      const cleared = s.builds !== prev.builds && prev.probes > 0 && s.probes === 0 ? ' Probes cleared.' : '';
      said.push(`Network ready: ${s.neurons.toLocaleString('en')} neurons, [Mg]o ${s.mgOutMM.toFixed(2)} mM.${cleared}`);
      this.mgSaid = s.mgOutMM;
      this.resetBursts(s);
    }

    if (s.mgOutMM !== prev.mgOutMM) this.mgChangedAtMs = realMs;
    if (s.mgOutMM !== this.mgSaid && realMs - this.mgChangedAtMs >= MG_SETTLE_MS) {
      this.mgSaid = s.mgOutMM;
      if (!mgFocused) said.push(`[Mg]o ${mgValueText(s.mgOutMM)}.`);
    }

    if (s.sweep !== prev.sweep && s.sweep !== 'idle') said.push(SWEEP_SAID[s.sweep]);

    if (s.builds !== prev.builds) this.ictalSaidOnsetMs = null;
    if (s.inIctalEvent && this.ictalSaidOnsetMs === null) {
      const onsetMs = s.ictalOnsetMs ?? s.timeMs;
      this.ictalSaidOnsetMs = onsetMs;
      const k = Number.isFinite(s.kOutMaxMM) ? `, [K⁺]o up to ${s.kOutMaxMM.toFixed(1)} mM` : '';
      said.push(`An ictal event began at ${(onsetMs / 1000).toFixed(1)} s: the whole sheet fires without pause${k}.`);
    } else if (!s.inIctalEvent && this.ictalSaidOnsetMs !== null) {
      const lastedS = (s.timeMs - this.ictalSaidOnsetMs) / 1000;
      this.ictalSaidOnsetMs = null;
      said.push(`The ictal event ended at ${(s.timeMs / 1000).toFixed(1)} s, after about ${Math.round(lastedS)} s; a quiet postictal spell follows.`);
    }

    const burstBegan = s.builds === prev.builds && ((s.inBurst && !prev.inBurst) || s.bursts > prev.bursts);
    if (burstBegan) {
      this.lastBurstMs = realMs;
      if (!this.bursting) {
        this.bursting = true;
        this.lastBurstSaidMs = realMs;
        this.burstsAtSummary = s.bursts;
        said.push(`A population burst, at ${(s.timeMs / 1000).toFixed(1)} s.`);
      } else if (realMs - this.lastBurstSaidMs >= BURST_SUMMARY_MS) {
        const more = s.bursts - this.burstsAtSummary;
        this.lastBurstSaidMs = realMs;
        this.burstsAtSummary = s.bursts;
        if (more > 0) said.push(`Still bursting: ${more} more bursts, ${s.bursts} in all.`);
      }
    } else if (this.bursting && realMs - this.lastBurstMs >= BURST_QUIET_MS && !s.paused) {
      this.bursting = false;
      said.push('The bursts have stopped.');
    }
    return said.length > 0 ? said.join(' ') : null;
  }

  private resetBursts(s: LiveSnapshot): void {
    this.bursting = false;
    this.lastBurstMs = -Infinity;
    this.burstsAtSummary = s.bursts;
  }
}
