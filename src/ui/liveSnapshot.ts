/**
 * The page as it is now, in one plain object: what the lessons check (lessons/engine.ts), what the
 * "describe" action puts into words (describe.ts) and what the announcer compares (announcer.ts).
 * Made by the composition root from the page state, the latest frame and the panels; pure data, so
 * each of those is a pure function of it and tested without a browser.
 */
import type { PresetName } from '../core/presets';
import type { ViewName } from '../render/viewNames';

export type SweepPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface LiveSnapshot {
  /** the network's life (networkSession.ts Phase) */
  phase: 'loading' | 'building' | 'running' | 'error';
  /** networks built so far on this page: a counter that changes when the network (and its clock) starts afresh */
  builds: number;
  preset: PresetName;
  neurons: number;
  seed: number;
  /** extracellular magnesium as the page has set it, mM */
  mgOutMM: number;
  /** simulated time of the latest frame, ms */
  timeMs: number;
  /** population rate over the recent window, Hz per cell */
  rateHz: number;
  /** population bursts detected since the network started */
  bursts: number;
  /** a burst is under way now */
  inBurst: boolean;
  /** the ion concentrations move (live ionsOn), and the bath the page has set, mM */
  ionsOn: boolean;
  kBathMM: number;
  caOutMM: number;
  /** the highest [K⁺]o of any patch in the latest frame, mM; NaN with fixed ions or before a frame */
  kOutMaxMM: number;
  /** ictal events detected since the network started (docs/MODEL.md §Ictal events), and one under way now */
  ictalEvents: number;
  inIctalEvent: boolean;
  /** onset of the ictal event under way, simulated ms; null when none is */
  ictalOnsetMs: number | null;
  paused: boolean;
  /** neurons followed in the probe view */
  probes: number;
  /** the cells' median membrane potential, mV, and the Mg block's unblocked fraction there; NaN before a frame */
  medianVMV: number;
  medianBlock: number;
  sweep: SweepPhase;
  /** views whose explanation (i) has been opened on this page */
  infoOpened: readonly ViewName[];
  presenting: boolean;
}

/** A snapshot of a page that has not built anything yet (for tests and the first frame). */
export function emptySnapshot(patch: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    phase: 'loading',
    builds: 0,
    preset: 'sheet',
    neurons: 10_000,
    seed: 1,
    mgOutMM: 1.2,
    timeMs: 0,
    rateHz: 0,
    bursts: 0,
    inBurst: false,
    ionsOn: true,
    kBathMM: 3.5,
    caOutMM: 2,
    kOutMaxMM: Number.NaN,
    ictalEvents: 0,
    inIctalEvent: false,
    ictalOnsetMs: null,
    paused: false,
    probes: 0,
    medianVMV: Number.NaN,
    medianBlock: Number.NaN,
    sweep: 'idle',
    infoOpened: [],
    presenting: false,
    ...patch,
  };
}

/** Bursts detected since `since` was taken (a rebuilt network counts from its own start). */
export function burstsSince(now: LiveSnapshot, since: LiveSnapshot): number {
  return now.builds === since.builds ? now.bursts - since.bursts : now.bursts;
}
