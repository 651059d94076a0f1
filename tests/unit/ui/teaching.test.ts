import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../../src/core/presets';
import { formatParamsFile, paramsFileOf, parseParamsFile, presetOfConfig } from '../../../src/ui/paramsFile';
import { SCENES, sceneByKey, sceneOf } from '../../../src/ui/scenes';
import { actionOfKey, ownsKeys } from '../../../src/ui/shortcuts';
import { SpikeRing, spikesCsv } from '../../../src/ui/spikeRing';
import { sweepCsv } from '../../../src/ui/experimentsPanel';

describe('scenes (presets)', () => {
  it('are the seven of issue 13, keys 1–7, each with what a person will see', () => {
    expect(SCENES.map((s) => [s.key, s.id, s.network, s.mgOutMM, s.kBathMM, s.caOutMM, s.ionsOn])).toEqual([
      ['1', 'normal', 'sheet', 1.2, 3.5, 2, 1],
      ['2', 'mild', 'sheet', 0.7, 3.5, 2, 1],
      ['3', 'severe', 'sheet', 0.4, 3.5, 2, 1],
      ['4', 'zero', 'sheet', 0, 3.5, 2, 1],
      ['5', 'highk', 'sheet', 1.2, 8.5, 2, 1],
      ['6', 'lowca', 'sheet', 0, 3.5, 1, 1],
      ['7', 'coba', 'coba', 1.2, 3.5, 2, 0],
    ]);
    for (const s of SCENES) {
      expect(s.lookFor.length).toBeGreaterThan(80);
      const sentences = s.lookFor.split(/[.:]\s/).length;
      expect(sentences).toBeLessThanOrEqual(4);
    }
    // the Zero-Mg text no longer promises a sweeping wave on the live sheet (none is visible there)
    expect(sceneByKey('4')?.lookFor).not.toMatch(/sweep across the sheet as a wave/);
  });

  it('match a running network and all four ions', () => {
    const sheet = { preset: 'sheet' as const, mgOutMM: 0.7, kBathMM: 3.5, caOutMM: 2, ionsOn: 1 };
    expect(sceneOf(sheet)?.id).toBe('mild');
    expect(sceneOf({ ...sheet, mgOutMM: 0.75 })).toBeNull();
    expect(sceneOf({ ...sheet, ionsOn: 0 })).toBeNull();
    expect(sceneOf({ ...sheet, mgOutMM: 1.2, kBathMM: 8.5 })?.id).toBe('highk');
    expect(sceneOf({ ...sheet, mgOutMM: 0, caOutMM: 1 })?.id).toBe('lowca');
    expect(sceneOf({ ...sheet, preset: 'coba', mgOutMM: 0.3 })?.id).toBe('coba');
    expect(sceneByKey('4')?.id).toBe('zero');
    expect(sceneByKey('7')?.id).toBe('coba');
    expect(sceneByKey('8')).toBeNull();
  });
});

describe('shortcuts', () => {
  it('map keys to actions', () => {
    expect(actionOfKey(' ')).toEqual({ kind: 'playPause' });
    expect(actionOfKey('ArrowUp')).toEqual({ kind: 'mgStep', deltaMM: 0.05 });
    expect(actionOfKey('ArrowDown')).toEqual({ kind: 'mgStep', deltaMM: -0.05 });
    expect(actionOfKey('3')).toEqual({ kind: 'scene', key: '3' });
    expect(actionOfKey('R')).toEqual({ kind: 'reset' });
    expect(actionOfKey('f')).toEqual({ kind: 'fullscreen' });
    expect(actionOfKey('?')).toEqual({ kind: 'help' });
    expect(actionOfKey('x')).toBeNull();
  });

  it('leave fields, and Space on buttons, alone', () => {
    const el = (tagName: string): EventTarget => ({ tagName, closest: () => null }) as unknown as EventTarget;
    expect(ownsKeys(el('INPUT'), 'r')).toBe(true);
    expect(ownsKeys(el('TEXTAREA'), '1')).toBe(true);
    expect(ownsKeys(el('SELECT'), 'ArrowUp')).toBe(true);
    expect(ownsKeys(el('BUTTON'), ' ')).toBe(true);
    expect(ownsKeys(el('BUTTON'), 'r')).toBe(false);
    expect(ownsKeys(el('BODY'), ' ')).toBe(false);
    expect(ownsKeys(null, ' ')).toBe(false);
  });
});

describe('spike ring and CSV', () => {
  it('keeps the last window of simulated time, oldest first', () => {
    const ring = new SpikeRing(100, 30);
    ring.clear(0.1);
    // 0..50 ms: one spike per ms
    for (let ms = 0; ms < 50; ms++) ring.add([ms % 7], [ms * 10], ms * 10 + 10);
    const { ids, steps } = ring.snapshot();
    expect(steps[0]).toBe(200); // newest step 500 − 300 steps (30 ms)
    expect(steps[steps.length - 1]).toBe(490);
    expect(ids.length).toBe(30);
  });

  it('is bounded in count: only the newest `capacity` spikes are held', () => {
    const ring = new SpikeRing(10, 1e9);
    ring.clear(0.1);
    ring.add(Uint32Array.from({ length: 25 }, (_, k) => k), Uint32Array.from({ length: 25 }, (_, k) => k), 25);
    const { ids } = ring.snapshot();
    expect(Array.from(ids)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(ring.size).toBe(10);
  });

  it('reads the window across the ring’s wrap: the same spikes as filtering everything kept', () => {
    const capacity = 16;
    const ring = new SpikeRing(capacity, 3); // 3 ms = 30 steps at 0.1 ms
    ring.clear(0.1);
    const all: [number, number][] = [];
    let step = 0;
    // frames of 0–9 spikes, 0–4 steps apart: the ring wraps many times, the window cuts it anywhere
    for (let frame = 0; frame < 60; frame++) {
      const count = (frame * 7) % 10;
      const ids: number[] = [];
      const steps: number[] = [];
      for (let k = 0; k < count; k++) {
        step += (frame + k) % 5;
        ids.push(frame * 10 + k);
        steps.push(step);
      }
      ring.add(ids, steps, step + 1);
      all.push(...ids.map((id, k): [number, number] => [id, steps[k]]));
      const expected = all.slice(-capacity).filter(([, s]) => s >= step + 1 - 30);
      const got = ring.snapshot();
      expect(Array.from(got.ids), `after frame ${frame}`).toEqual(expected.map(([id]) => id));
      expect(Array.from(got.steps), `after frame ${frame}`).toEqual(expected.map(([, s]) => s));
    }
  });

  it('writes neuron_id,time_ms at the step precision', () => {
    expect(spikesCsv([3, 12], [10, 25], 0.1)).toBe('neuron_id,time_ms\n3,1.0\n12,2.5\n');
    expect(spikesCsv([1], [3], 0.05)).toBe('neuron_id,time_ms\n1,0.15\n');
  });

  it('sweep rows as CSV', () => {
    const row = { ion: 'kBathMM' as const, valueMM: 8.5, mgOutMM: 0.4, rateEHz: 6.25, rateIHz: 11, bursts: 2, burstRateHz: 1.25, ictalEvents: 1, firstIctalMs: 2300, burstFraction: 0.1, cvIsi: Number.NaN, synchrony: 0.08 };
    const csv = sweepCsv([row, { ...row, ictalEvents: 0, firstIctalMs: null }]);
    expect(csv).toBe(
      'ion,value_mM,mg_mM,rate_e_Hz,rate_i_Hz,bursts,burst_rate_Hz,ictal_events,first_ictal_ms,burst_fraction,cv_isi,synchrony\n' +
        'kBathMM,8.5,0.4,6.25,11,2,1.25,1,2300,0.1,,0.08\nkBathMM,8.5,0.4,6.25,11,2,1.25,0,,0.1,,0.08\n',
    );
  });
});

describe('parameter file', () => {
  it('round-trips a configuration', () => {
    const config = presetConfig('sheet');
    config.live.mgOutMM = 0.35;
    const text = formatParamsFile(paramsFileOf(config, 2));
    const back = parseParamsFile(text);
    expect(back.config).toEqual(config);
    expect(back.page.speed).toBe(2);
    expect(presetOfConfig(back.config)).toBe('sheet');
    expect(presetOfConfig(presetConfig('coba'))).toBe('coba');
  });

  it('refuses what is not one, naming the bad field', () => {
    expect(() => parseParamsFile('{')).toThrow(/does not parse/);
    expect(() => parseParamsFile('{"format":"x"}')).toThrow(/"format" should be "mg-gate\/parameters"/);
    const config = presetConfig('sheet');
    config.exc.gNmdaNS = -1;
    expect(() => parseParamsFile(formatParamsFile(paramsFileOf(config, 1)))).toThrow('exc.gNmdaNS = -1 is not allowed: expected from 0 to 100 nS');
  });
});
