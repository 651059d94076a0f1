/**
 * What each cell of the sheet shows, filtered so that no region flashes more than three times a
 * second (WCAG 2.3.1) while population bursts still read as swells. Pure: typed arrays in, typed
 * arrays out; the sheet view uploads the result.
 *
 * Per cell:
 *  1. a spike trace in simulated time: +1 per spike (weighted by its age at the end of the chunk),
 *     decaying with traceTauMs — the cell's recent firing rate × τ, whatever the machine's speed;
 *  2. a glow target x² / (1 + x²) with x = trace / traceScale (a Hill curve): a faint twinkle per
 *     sparse spike (≈ 0.03), ≈ 0.3 for tonic firing at 40 Hz, ≈ 0.85 in a 150 Hz burst — the glow
 *     is mixed in linear light, where a third already looks bright, so the curve keeps its top for
 *     bursts;
 *  3. in real (display) time, the displayed glow follows the target no faster than glowRisePerS
 *     up and glowFallPerS down — this is the photosensitivity guarantee, and it holds at any
 *     simulation speed. A flash needs a rise and a fall of ≥ 10 % luminance. The glow adds at most
 *     ≈ 0.52 of relative luminance and the voltage map ≈ 0.13 (colormap.ts), so luminance falls at
 *     most 0.52 · 0.4 + 0.13 · 0.6 ≈ 0.29 per second: every 10 % drop takes ≥ 0.35 s, at most 2.9
 *     drops — hence at most three flashes — fit in any second, whatever the input;
 *  4. the displayed voltage position low-passes V (voltTauMs, real time) under its own slew limit;
 *     the voltage colour map spans only ≈ 0.13 of luminance, so membrane jumps cannot flash either.
 * tests/unit/ui/glowFilter.test.ts drives a cell with 10 Hz bursts and counts the flashes.
 */
import { V_DISPLAY_MAX_MV, V_DISPLAY_MIN_MV } from './colormap';

export interface GlowFilterOptions {
  /** time constant of the per-cell spike trace, simulated ms @default 100 */
  traceTauMs: number;
  /** trace at which the glow target reaches one half (spikes; trace ≈ rate × traceTauMs) @default 6 */
  traceScale: number;
  /** fastest rise of the displayed glow, full scale per real second @default 3 */
  glowRisePerS: number;
  /** fastest fall of the displayed glow, full scale per real second @default 0.4 */
  glowFallPerS: number;
  /** low-pass time constant of the displayed membrane potential, real ms @default 150 */
  voltTauMs: number;
  /** fastest change of the displayed voltage position, full scale per real second @default 0.6 */
  voltSlewPerS: number;
}

/** The default: photosensitivity-safe (fast attack, slow release: bursts swell and fade). */
export const SAFE_GLOW: GlowFilterOptions = {
  traceTauMs: 100,
  traceScale: 6,
  glowRisePerS: 3,
  glowFallPerS: 0.4,
  voltTauMs: 150,
  voltSlewPerS: 0.6,
};

/** prefers-reduced-motion: longer integration and gentler slopes still. */
export const REDUCED_MOTION_GLOW: GlowFilterOptions = {
  traceTauMs: 200,
  traceScale: 10,
  glowRisePerS: 0.6,
  glowFallPerS: 0.2,
  voltTauMs: 400,
  voltSlewPerS: 0.3,
};

/** Opt-in only: every spike flashes its cell. Not photosensitivity-safe. */
export const RAW_GLOW: GlowFilterOptions = {
  traceTauMs: 10,
  traceScale: 0.3,
  glowRisePerS: Number.POSITIVE_INFINITY,
  glowFallPerS: Number.POSITIVE_INFINITY,
  voltTauMs: 1,
  voltSlewPerS: Number.POSITIVE_INFINITY,
};

/** A display frame longer than this (a hidden tab coming back) is treated as this long. */
const MAX_STEP_MS = 100;

export class GlowFilter {
  /** per cell, indexed by neuron id */
  readonly trace: Float32Array;
  readonly glow: Float32Array;
  /** displayed voltage position 0..1 and its target from the latest frame */
  readonly volt: Float32Array;
  readonly voltTarget: Float32Array;
  options: GlowFilterOptions;

  constructor(
    readonly cells: number,
    options: GlowFilterOptions = SAFE_GLOW,
  ) {
    this.trace = new Float32Array(cells);
    this.glow = new Float32Array(cells);
    this.volt = new Float32Array(cells);
    this.voltTarget = new Float32Array(cells);
    this.options = options;
  }

  /** Decays every trace by elapsedMs of simulated time (call before adding that span's spikes). */
  decay(elapsedMs: number): void {
    if (elapsedMs <= 0) return;
    const k = Math.exp(-elapsedMs / this.options.traceTauMs);
    const trace = this.trace;
    for (let i = 0; i < this.cells; i++) trace[i] *= k;
  }

  /** Adds one unit of trace per spike (ids outside the network are ignored). */
  addSpikes(ids: ArrayLike<number>, count = ids.length): void {
    const trace = this.trace;
    const n = this.cells;
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      if (id < n) trace[id] += 1;
    }
  }

  /**
   * A chunk of simulation: decays the traces over it, then adds each spike weighted by the decay
   * from its step to the chunk's end, so a long chunk shows what a short one would have.
   */
  addChunk(ids: ArrayLike<number>, steps: ArrayLike<number>, startStep: number, endStep: number, dtMs: number): void {
    this.decay((endStep - startStep) * dtMs);
    const trace = this.trace;
    const n = this.cells;
    const perStep = -dtMs / this.options.traceTauMs;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      if (id < n) trace[id] += Math.exp((endStep - 1 - steps[k]) * perStep);
    }
  }

  /** The membrane potentials the display should move toward, mV per neuron. */
  setVoltages(vMV: ArrayLike<number>): void {
    const target = this.voltTarget;
    const scale = 1 / (V_DISPLAY_MAX_MV - V_DISPLAY_MIN_MV);
    const count = Math.min(vMV.length, this.cells);
    for (let i = 0; i < count; i++) {
      const u = (vMV[i] - V_DISPLAY_MIN_MV) * scale;
      target[i] = u < 0 ? 0 : u > 1 ? 1 : u;
    }
  }

  /** Advances the display by one frame of dtMs real milliseconds; returns whether any cell changed. */
  step(dtMs: number): boolean {
    const dt = Math.min(Math.max(dtMs, 0), MAX_STEP_MS);
    const o = this.options;
    const invScale = 1 / o.traceScale;
    const riseMax = o.glowRisePerS * dt * 1e-3;
    const fallMax = o.glowFallPerS * dt * 1e-3;
    const voltFollow = 1 - Math.exp(-dt / o.voltTauMs);
    const voltMax = o.voltSlewPerS * dt * 1e-3;
    const { trace, glow, volt, voltTarget } = this;
    let moved = 0;
    for (let i = 0; i < this.cells; i++) {
      const x = trace[i] * invScale;
      const target = (x * x) / (1 + x * x);
      let d = target - glow[i];
      if (d > riseMax) d = riseMax;
      else if (d < -fallMax) d = -fallMax;
      glow[i] += d;
      moved += d < 0 ? -d : d;

      let dv = (voltTarget[i] - volt[i]) * voltFollow;
      if (dv > voltMax) dv = voltMax;
      else if (dv < -voltMax) dv = -voltMax;
      volt[i] += dv;
      moved += dv < 0 ? -dv : dv;
    }
    return moved > 1e-4;
  }

  /** Starts every cell at these voltages with no glow (after a new network is built). */
  resetTo(vMV?: ArrayLike<number>): void {
    this.trace.fill(0);
    this.glow.fill(0);
    if (vMV) {
      this.setVoltages(vMV);
      this.volt.set(this.voltTarget);
    }
  }

  /**
   * Writes the sheet texture: per site, R = voltage position, G = glow, B unused, A = 255 where a
   * neuron sits (sites without one keep A = 0 and are drawn as background).
   */
  writeTexels(texels: Uint8Array, siteOfNeuron: Uint32Array): void {
    const { glow, volt } = this;
    for (let i = 0; i < this.cells; i++) {
      const at = siteOfNeuron[i] * 4;
      texels[at] = (volt[i] * 255 + 0.5) | 0;
      texels[at + 1] = (glow[i] * 255 + 0.5) | 0;
      texels[at + 3] = 255;
    }
  }
}
