import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIVE_RANGES } from '../../../src/core/params';
import { bandName, CA_BANDS, CA_LANDMARKS, caValueText, K_BANDS, K_LANDMARKS, kValueText } from '../../../src/ui/ionLandmarks';

/** The options of a datalist in index.html: [value, label]. */
function datalist(id: string): [number, string][] {
  const html = readFileSync('index.html', 'utf8');
  const block = new RegExp(`<datalist id="${id}">([\\s\\S]*?)</datalist>`).exec(html);
  expect(block, id).not.toBeNull();
  return Array.from(block![1].matchAll(/<option value="([^"]+)" label="([^"]+)"/g), (m) => [Number(m[1]), m[2]]);
}

describe('K⁺ and Ca²⁺ landmarks', () => {
  it('name the issue’s values: K 3.5 normal, 8.5 epileptogenic; Ca 1 low, 2 normal, 3 high', () => {
    expect(bandName(K_BANDS, 3.5)).toBe('normal');
    expect(bandName(K_BANDS, 8.5)).toBe('epileptogenic (high-K⁺ slice)');
    expect(bandName(K_BANDS, 2)).toBe('low');
    expect(bandName(K_BANDS, 12)).toBe('very high');
    expect(bandName(CA_BANDS, 1)).toBe('low');
    expect(bandName(CA_BANDS, 2)).toBe('normal');
    expect(bandName(CA_BANDS, 3)).toBe('high');
    expect(bandName(CA_BANDS, 0.5)).toBe('very low');
    expect(kValueText(8.5)).toBe('8.50 millimolar, epileptogenic (high-K⁺ slice)');
    expect(caValueText(1)).toBe('1.00 millimolar, low');
  });

  it('bands are in order and every landmark lies in the band its label names, inside the slider’s range', () => {
    for (const [bands, landmarks, range] of [
      [K_BANDS, K_LANDMARKS, LIVE_RANGES.kBathMM],
      [CA_BANDS, CA_LANDMARKS, LIVE_RANGES.caOutMM],
    ] as const) {
      const ends = bands.map((b) => b.upToMM);
      expect([...ends].sort((a, b) => a - b)).toEqual(ends);
      for (const l of landmarks) {
        expect(bandName(bands, l.valueMM).startsWith(l.label), `${l.valueMM}`).toBe(true);
        expect(l.valueMM).toBeGreaterThanOrEqual(range.min);
        expect(l.valueMM).toBeLessThanOrEqual(range.max);
      }
    }
  });

  it('are the datalists of the sliders in index.html', () => {
    expect(datalist('k-landmarks')).toEqual(K_LANDMARKS.map((l) => [l.valueMM, l.label]));
    expect(datalist('ca-landmarks')).toEqual(CA_LANDMARKS.map((l) => [l.valueMM, l.label]));
    const html = readFileSync('index.html', 'utf8');
    expect(html).toMatch(/id="k-bath"[^>]*min="2" max="12"/);
    expect(html).toMatch(/id="ca"[^>]*min="0.5" max="4"/);
    expect(LIVE_RANGES.kBathMM).toMatchObject({ min: 2, max: 12 });
    expect(LIVE_RANGES.caOutMM).toMatchObject({ min: 0.5, max: 4 });
  });
});
