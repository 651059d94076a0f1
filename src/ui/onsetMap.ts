/**
 * The spread made visible: at each burst or ictal onset (the analysis's inBurst turning on), once
 * RECRUITMENT window of simulated time has passed, the recruitment map (src/analysis/recruitmentMap.ts)
 * of the page's own spike memory, the onset site and speed from the same wave fit the worker uses
 * (src/analysis/waveFit.ts, with the analysis constants), the text beside the sheet, and the spikes
 * kept for the slow replay. The sheet view draws it (SheetView setRecruitment, startReplay).
 */
import { DEFAULT_RECRUITMENT, recruitmentMap } from '../analysis/recruitmentMap';
import type { RecruitmentMap } from '../analysis/recruitmentMap';
import { WaveFitter, waveFitSettings } from '../analysis/waveFit';
import type { CreateResult, Frame } from '../protocol/types';
import { REPLAY_AFTER_MS, REPLAY_BEFORE_MS } from '../render/sheetView';
import type { SheetView } from '../render/sheetView';
import type { SpikeRing } from './spikeRing';

export interface Onset {
  map: RecruitmentMap;
  /** site of the onset (−1: no focus), and the speed of the front, mm/s (null: not one travelling wave) */
  onsetSite: number;
  speedMmPerS: number | null;
  /** the spikes of the replay window, sorted by step */
  replay: { ids: Uint32Array; steps: Uint32Array; fromMs: number; toMs: number };
  /** during an ictal event (the analysis said so when the map was made) */
  ictal: boolean;
}

export class OnsetMap {
  private fitter: WaveFitter | null = null;
  private neurons = 0;
  private dtMs = 0.1;
  private wasInBurst = false;
  /** the detected start of the onset waiting for its window to pass, ms; NaN: none */
  private pendingMs = Number.NaN;
  latest: Onset | null = null;
  /** onsets mapped since the network was built */
  count = 0;

  constructor(
    private readonly spikes: SpikeRing,
    private readonly shown: (onset: Onset) => void,
  ) {}

  configure(created: CreateResult): void {
    this.neurons = created.summary.neurons;
    this.dtMs = created.config.dtMs;
    this.wasInBurst = false;
    this.pendingMs = Number.NaN;
    this.latest = null;
    this.count = 0;
    const topology = created.config.topology;
    this.fitter =
      topology.kind === 'sheet'
        ? new WaveFitter(
            { width: created.width, height: created.height, siteOfNeuron: created.siteOfNeuron, siteSpacingUm: topology.siteSpacingUm },
            waveFitSettings(this.dtMs),
          )
        : null;
  }

  frame(frame: Frame): void {
    const endMs = frame.endStep * frame.dtMs;
    const inBurst = frame.analysis.inBurst;
    // the chunk in which the burst was detected; the onset search walks back from its end
    if (inBurst && !this.wasInBurst && Number.isNaN(this.pendingMs)) this.pendingMs = endMs;
    this.wasInBurst = inBurst;
    if (Number.isNaN(this.pendingMs) || endMs < this.pendingMs + DEFAULT_RECRUITMENT.windowMs + REPLAY_AFTER_MS) return;
    const detectedMs = this.pendingMs;
    this.pendingMs = Number.NaN;
    this.map(detectedMs, frame);
  }

  private map(detectedMs: number, frame: Frame): void {
    const dt = this.dtMs;
    const fromMs = detectedMs - DEFAULT_RECRUITMENT.lookbackMs - REPLAY_BEFORE_MS;
    const toMs = detectedMs + DEFAULT_RECRUITMENT.windowMs + REPLAY_AFTER_MS;
    const { ids, steps } = this.spikes.between(Math.round(fromMs / dt), Math.round(toMs / dt));
    const map = recruitmentMap(ids, steps, dt, this.neurons, detectedMs);
    if (map.recruited === 0) return;
    let onsetSite = -1;
    let speedMmPerS: number | null = null;
    if (this.fitter) {
      const firstStep = new Float64Array(this.neurons).fill(Number.POSITIVE_INFINITY);
      const recruited = new Uint32Array(map.recruited);
      let n = 0;
      for (let i = 0; i < this.neurons; i++) {
        if (Number.isNaN(map.delayMs[i])) continue;
        firstStep[i] = Math.round((map.onsetMs + map.delayMs[i]) / dt);
        recruited[n++] = i;
      }
      const onsetStep = Math.round(map.onsetMs / dt);
      const endStep = Math.round((map.onsetMs + DEFAULT_RECRUITMENT.windowMs) / dt);
      // the quiet level just before this onset, not the population rate now (this frame is a
      // window after the onset, inside the burst: that rate counted every onset cell as background)
      const fit = this.fitter.fitWave(recruited, n, firstStep, onsetStep, endStep, map.backgroundHz);
      onsetSite = fit.onsetSite;
      speedMmPerS = fit.speedMmPerS;
    }
    const replayFrom = map.onsetMs - REPLAY_BEFORE_MS;
    const replayTo = map.onsetMs + REPLAY_AFTER_MS;
    const lo = lowerBound(steps, Math.round(replayFrom / dt));
    const hi = lowerBound(steps, Math.round(replayTo / dt));
    this.latest = {
      map,
      onsetSite,
      speedMmPerS,
      replay: { ids: ids.slice(lo, hi), steps: steps.slice(lo, hi), fromMs: replayFrom, toMs: replayTo },
      ictal: frame.analysis.inIctalEvent,
    };
    this.count++;
    this.shown(this.latest);
  }

  /** Starts the slow replay of the latest onset on the sheet; false when there is none yet. */
  replay(sheet: SheetView): boolean {
    const onset = this.latest;
    if (!onset) return false;
    sheet.startReplay(onset.replay.ids, onset.replay.steps, this.dtMs, onset.replay.fromMs, onset.replay.toMs);
    return true;
  }
}

/** The first index whose step is ≥ step (steps sorted). */
function lowerBound(steps: Uint32Array, step: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The text beside the sheet: when, how many cells, how fast, from where. */
export function describeOnset(onset: Onset, width: number): string {
  const { map } = onset;
  const parts = [
    `${onset.ictal ? 'Ictal onset' : 'Burst onset'} at t = ${(map.onsetMs / 1000).toFixed(1)} s`,
    `${map.recruited.toLocaleString('en')} cells fired within ${DEFAULT_RECRUITMENT.windowMs} ms, 90 % by ${Math.round(map.delay90Ms)} ms`,
  ];
  if (onset.onsetSite >= 0) parts.push(`began at cell (${onset.onsetSite % width}, ${Math.floor(onset.onsetSite / width)}) ⊕`);
  else parts.push('began everywhere at once (no single focus)');
  parts.push(onset.speedMmPerS === null ? 'speed: not one travelling wave' : `front ${onset.speedMmPerS.toFixed(0)} mm/s`);
  return parts.join(' · ');
}
