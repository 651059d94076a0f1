/** The pure parts of issue 14's page: landmark names, sound mappings, the PNG caption, the big views. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../../src/core/presets';
import { DEFAULT_BIG_VIEWS, enlarge, inPageOrder, shrink } from '../../../src/ui/bigViews';
import { MG_BANDS, mgBandName, mgValueText } from '../../../src/ui/mgLandmarks';
import { pictureCaption } from '../../../src/ui/pictureCaption';
import { scaledMargin, THEME } from '../../../src/render/theme';
import { actionOfKey } from '../../../src/ui/shortcuts';
import { MAX_GAIN, MAX_TICKS_PER_S, RATE_TONE, rateToFrequencyHz, TickLimiter, volumeToGain } from '../../../src/ui/sonification';

describe('[Mg]o landmarks', () => {
  it('name the bands in order, and the slider says value and band', () => {
    expect(mgBandName(0)).toBe('zero-Mg slice');
    expect(mgBandName(0.4)).toBe('severe hypomagnesaemia');
    expect(mgBandName(0.7)).toBe('mild hypomagnesaemia');
    expect(mgBandName(1.2)).toBe('normal ACSF');
    expect(mgBandName(3)).toBe('high');
    expect(mgValueText(1.2)).toBe('1.20 millimolar, normal ACSF');
    const ends = MG_BANDS.map((b) => b.upToMM);
    expect([...ends].sort((a, b) => a - b)).toEqual(ends);
  });

  it('are the labels of the slider’s datalist in index.html', () => {
    const html = readFileSync('index.html', 'utf8');
    const list = /<datalist id="mg-landmarks">([\s\S]*?)<\/datalist>/.exec(html)?.[1] ?? '';
    const options = [...list.matchAll(/<option value="([\d.]+)" label="([^"]+)"/g)].map((m) => [Number(m[1]), m[2]] as const);
    expect(options.length).toBeGreaterThanOrEqual(5);
    for (const [value, label] of options) expect(label, `${value} mM`).toBe(mgBandName(value));
  });
});

describe('sonification', () => {
  it('never exceeds its loudness cap, and is silent at volume 0', () => {
    expect(volumeToGain(0)).toBe(0);
    expect(volumeToGain(1)).toBe(MAX_GAIN);
    expect(volumeToGain(5)).toBe(MAX_GAIN);
    expect(volumeToGain(Number.NaN)).toBe(0);
    expect(volumeToGain(0.5)).toBeCloseTo(MAX_GAIN / 4, 12);
    expect(MAX_GAIN).toBeLessThanOrEqual(0.25);
  });

  it('maps the rate to a low pitch that rises with it, within two octaves', () => {
    expect(rateToFrequencyHz(0)).toBe(RATE_TONE.lowHz);
    expect(rateToFrequencyHz(RATE_TONE.topRateHz)).toBeCloseTo(RATE_TONE.lowHz * 4, 9);
    expect(rateToFrequencyHz(1000)).toBeCloseTo(RATE_TONE.lowHz * 4, 9);
    expect(rateToFrequencyHz(-3)).toBe(RATE_TONE.lowHz);
    expect(rateToFrequencyHz(5)).toBeGreaterThan(rateToFrequencyHz(1));
  });

  it('drops ticks closer than 1 / MAX_TICKS_PER_S', () => {
    const limiter = new TickLimiter();
    const times = Array.from({ length: 40 }, (_, k) => k * 0.1); // a burst every 100 ms for 4 s
    const played = times.filter((t) => limiter.allow(t));
    expect(played.length).toBeLessThanOrEqual(4 * MAX_TICKS_PER_S);
    expect(played.length).toBeGreaterThanOrEqual(4 * MAX_TICKS_PER_S - 1);
  });
});

describe('the PNG caption', () => {
  it('says the network, the seed, every live parameter with the ions first, and the time', () => {
    const config = presetConfig('sheet');
    config.seed = 7;
    config.live = { ...config.live, mgOutMM: 0.4 };
    const lines = pictureCaption({ config, timeMs: 12_340, speed: 2 });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`Cortical sheet (preset sheet): ${config.neurons.toLocaleString('en')} neurons, ${Math.round(config.excitatoryFraction * 100)} % excitatory, seed 7`);
    expect(lines[1].startsWith('[Mg²⁺]o 0.40 mM · ')).toBe(true);
    for (const key of Object.keys(config.live)) expect(lines[1]).not.toContain(`${key} =`);
    expect(lines[2]).toMatch(/^t = 12\.3 s simulated · speed 2× · dt [\d.]+ ms · Mg Gate$/);
  });

  it('names a live parameter it does not know, and puts a new ion first', () => {
    const config = presetConfig('coba');
    const live = { ...config.live, clOutMM: 130, futureScale: 2 };
    const lines = pictureCaption({ config: { ...config, live: live as typeof config.live }, timeMs: 0, speed: 1 });
    expect(lines[0]).toMatch(/^COBA benchmark network/);
    expect(lines[1]).toMatch(/^\[Mg²⁺\]o [\d.]+ mM · \[K⁺\] bath 3\.5 mM · \[Ca²⁺\]o 2\.00 mM · ions fixed · clOutMM = 130 · /);
    expect(lines[1]).toContain('futureScale = 2');
  });
});

describe('big views (presentation mode)', () => {
  it('are the sheet and the raster by default; one or two at a time', () => {
    expect(DEFAULT_BIG_VIEWS).toEqual(['sheet', 'raster']);
    expect(enlarge(['sheet', 'raster'], 'block')).toEqual(['raster', 'block']);
    expect(enlarge(['sheet'], 'rate')).toEqual(['sheet', 'rate']);
    expect(enlarge(['sheet', 'rate'], 'rate')).toEqual(['sheet', 'rate']);
    expect(shrink(['sheet', 'rate'], 'sheet')).toEqual(['rate']);
    expect(shrink(['rate'], 'rate')).toEqual(['rate']);
    expect(inPageOrder(['probe', 'sheet'])).toEqual(['sheet', 'probe']);
  });
});

describe('the new shortcuts', () => {
  it('C caption, D describe, L lessons', () => {
    expect(actionOfKey('c')).toEqual({ kind: 'caption' });
    expect(actionOfKey('D')).toEqual({ kind: 'describe' });
    expect(actionOfKey('l')).toEqual({ kind: 'lessons' });
  });
});

describe("the views' margins follow their label size", () => {
  it('grow in proportion to the type, never shrink below the base', () => {
    const base = { left: 44, right: 8, top: 4, bottom: 22 };
    expect(scaledMargin(base, THEME.fontSize)).toEqual(base);
    expect(scaledMargin(base, 6)).toEqual(base);
    const big = scaledMargin(base, 28);
    expect(big.left).toBe(Math.round((44 * 28) / THEME.fontSize));
    // a 28 px tick label below the plot fits in its bottom margin
    expect(big.bottom).toBeGreaterThan(28 + 6);
  });
});
