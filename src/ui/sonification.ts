/**
 * Optional sound, off by default (as PhET's simulations offer it): a soft tick when a population
 * burst begins, or the population rate as a low, steady tone. Gentle by construction — sine waves
 * only, a loudness cap (MAX_GAIN), every change a ramp (no clicks), a fade in and out, and at most
 * MAX_TICKS_PER_S ticks — so nothing startles. The AudioContext is made on the first choice of a
 * sound (a user gesture, as browsers require). The mappings are pure and tested
 * (tests/unit/ui/sonification.test.ts); the class only schedules them on Web Audio.
 */

export type SoundMode = 'off' | 'bursts' | 'rate';

/** Loudest gain any sound reaches at full volume (≈ −14 dBFS): audible, never loud. */
export const MAX_GAIN = 0.2;
/** Fade in and out when the sound is switched on or off, s. */
export const FADE_S = 0.6;
/** Ticks closer than this are dropped: bursts at 0 mM can come every few hundred ms. */
export const MAX_TICKS_PER_S = 2;
/** The tick: a short sine at TICK_HZ with a soft attack and an exponential decay, s. */
export const TICK = { hz: 523.25, attackS: 0.015, decayS: 0.35 } as const;
/** The rate tone: from RATE_TONE.lowHz at 0 Hz per cell up two octaves at RATE_TONE.topRateHz. */
export const RATE_TONE = { lowHz: 110, octaves: 2, topRateHz: 50, glideS: 0.3 } as const;

/** Volume 0..1 (the slider) → gain 0..MAX_GAIN, on a square law so the slider feels even. */
export function volumeToGain(volume: number): number {
  const v = Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : 0;
  return MAX_GAIN * v * v;
}

/** Population rate (Hz per cell) → the tone's pitch, Hz: logarithmic, capped at the top rate. */
export function rateToFrequencyHz(rateHz: number): number {
  const r = Number.isFinite(rateHz) ? Math.min(RATE_TONE.topRateHz, Math.max(0, rateHz)) : 0;
  const u = Math.log1p(r) / Math.log1p(RATE_TONE.topRateHz);
  return RATE_TONE.lowHz * 2 ** (RATE_TONE.octaves * u);
}

/** Drops ticks that come sooner than 1 / MAX_TICKS_PER_S after the last one played. */
export class TickLimiter {
  private lastS = -Infinity;

  allow(nowS: number): boolean {
    if (nowS - this.lastS < 1 / MAX_TICKS_PER_S) return false;
    this.lastS = nowS;
    return true;
  }
}

export class Sonifier {
  private ctx: AudioContext | null = null;
  private master: GainNode | null = null;
  private tone: OscillatorNode | null = null;
  private toneGain: GainNode | null = null;
  private modeValue: SoundMode = 'off';
  private volume = 0.5;
  private readonly limiter = new TickLimiter();
  private wasInBurst = false;

  constructor(private readonly makeContext: () => AudioContext = () => new AudioContext()) {}

  get mode(): SoundMode {
    return this.modeValue;
  }

  setMode(mode: SoundMode): void {
    if (mode === this.modeValue) return;
    this.modeValue = mode;
    if (mode === 'off') {
      this.fadeTo(0);
      this.stopToneLater();
      return;
    }
    const ctx = this.context();
    void ctx.resume();
    if (mode === 'rate') this.startTone(ctx);
    else this.stopToneLater();
    this.fadeTo(volumeToGain(this.volume));
  }

  setVolume(volume: number): void {
    this.volume = Math.min(1, Math.max(0, volume));
    if (this.modeValue !== 'off') this.fadeTo(volumeToGain(this.volume), 0.15);
  }

  /** A frame's population state: a tick when a burst begins, or the tone follows the rate. */
  frame(rateHz: number, inBurst: boolean): void {
    const began = inBurst && !this.wasInBurst;
    this.wasInBurst = inBurst;
    const ctx = this.ctx;
    if (!ctx || this.modeValue === 'off') return;
    if (this.modeValue === 'rate' && this.tone) {
      this.tone.frequency.setTargetAtTime(rateToFrequencyHz(rateHz), ctx.currentTime, RATE_TONE.glideS);
    } else if (this.modeValue === 'bursts' && began && this.limiter.allow(ctx.currentTime)) {
      this.tick(ctx);
    }
  }

  private context(): AudioContext {
    if (!this.ctx) {
      this.ctx = this.makeContext();
      this.master = this.ctx.createGain();
      this.master.gain.value = 0;
      this.master.connect(this.ctx.destination);
    }
    return this.ctx;
  }

  private fadeTo(gain: number, seconds = FADE_S): void {
    const { ctx, master } = this;
    if (!ctx || !master) return;
    const now = ctx.currentTime;
    master.gain.cancelScheduledValues(now);
    master.gain.setValueAtTime(master.gain.value, now);
    master.gain.linearRampToValueAtTime(Math.min(MAX_GAIN, gain), now + seconds);
  }

  private tick(ctx: AudioContext): void {
    const now = ctx.currentTime;
    const osc = ctx.createOscillator();
    const env = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = TICK.hz;
    env.gain.setValueAtTime(0, now);
    env.gain.linearRampToValueAtTime(1, now + TICK.attackS);
    env.gain.exponentialRampToValueAtTime(0.001, now + TICK.attackS + TICK.decayS);
    osc.connect(env).connect(this.master!);
    osc.start(now);
    osc.stop(now + TICK.attackS + TICK.decayS + 0.05);
  }

  private startTone(ctx: AudioContext): void {
    if (this.tone) return;
    const osc = ctx.createOscillator();
    osc.type = 'sine';
    osc.frequency.value = rateToFrequencyHz(0);
    // the tone sits below the ticks' loudness: a background, not a signal
    const gain = ctx.createGain();
    gain.gain.value = 0.6;
    osc.connect(gain).connect(this.master!);
    osc.start();
    this.tone = osc;
    this.toneGain = gain;
  }

  /** Stops the tone after the fade out, so it never ends with a click. */
  private stopToneLater(): void {
    const { ctx, tone, toneGain } = this;
    if (!ctx || !tone || !toneGain) return;
    this.tone = null;
    this.toneGain = null;
    const now = ctx.currentTime;
    toneGain.gain.setValueAtTime(toneGain.gain.value, now);
    toneGain.gain.linearRampToValueAtTime(0, now + FADE_S);
    tone.stop(now + FADE_S + 0.05);
    tone.onended = () => toneGain.disconnect();
  }
}
