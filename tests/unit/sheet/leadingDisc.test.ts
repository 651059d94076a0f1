/**
 * The leading disc of the sheet (docs/MODEL.md §The sheet, "Where bursts start"): which sites it
 * covers, that only its E cells get leadInDegreeE E inputs, and that bad values name their field.
 */
import { describe, expect, it } from 'vitest';
import { buildSheet, inDegrees, leadingDisc } from '../../../src/core/connectivity';
import type { SheetTopology } from '../../../src/core/params';
import { excitatoryCount, validateConfig } from '../../../src/core/params';
import { presetConfig, withNeurons } from '../../../src/core/presets';
import { Rng } from '../../../src/core/rng';

function sheetTopology(): SheetTopology {
  const t = presetConfig('sheet').topology;
  if (t.kind !== 'sheet') throw new Error('the sheet preset has a sheet topology');
  return t;
}

describe('leadingDisc', () => {
  it('covers the sites within the radius of the grid centre, across the torus seam too', () => {
    const disc = leadingDisc({ width: 100, height: 100 }, 15);
    let count = 0;
    for (const v of disc) count += v;
    // lattice points within a circle of radius 15: ≈ π r² = 707
    expect(count).toBeGreaterThan(680);
    expect(count).toBeLessThan(730);
    expect(disc[50 * 100 + 50]).toBe(1);
    expect(disc[50 * 100 + 65]).toBe(1);
    expect(disc[50 * 100 + 66]).toBe(0);
    expect(disc[0]).toBe(0);
    // on a 20-site grid the centre is (10, 10) and a radius of 12 wraps round to x = 0 … 2
    const wrapped = leadingDisc({ width: 20, height: 20 }, 12);
    expect(wrapped[10 * 20 + 0]).toBe(1);
    expect(leadingDisc({ width: 100, height: 100 }, 0).every((v) => v === 0)).toBe(true);
  });

  it('gives only the E cells of the disc leadInDegreeE excitatory inputs', () => {
    const config = withNeurons(presetConfig('sheet'), 2500);
    const t = { ...sheetTopology(), leadRadiusSites: 10, leadInDegreeE: 40, inDegreeI: 0 };
    const nE = excitatoryCount(config);
    const { connectivity, layout } = buildSheet(config.neurons, nE, t, config.dtMs, Rng.fromSeed(1, 0));
    const disc = leadingDisc(layout, t.leadRadiusSites);
    const degree = inDegrees(connectivity);
    let inDisc = 0;
    for (let i = 0; i < config.neurons; i++) {
      const expected = i < nE && disc[layout.siteOfNeuron[i]] === 1 ? t.leadInDegreeE : t.inDegreeE;
      expect(degree[i]).toBe(expected);
      if (expected === t.leadInDegreeE) inDisc++;
    }
    expect(inDisc).toBeGreaterThan(200); // ≈ 0.8 × π · 10² = 251 E cells
  });

  it('refuses bad values by field name and range', () => {
    for (const [field, value, message] of [
      ['leadRadiusSites', -1, /topology\.leadRadiusSites = -1 .*from 0 to 100 sites/],
      ['leadInDegreeE', 2.5, /topology\.leadInDegreeE = 2\.5 .*an integer/],
      ['leadInDegreeE', 9000, /topology\.leadInDegreeE = 9000/],
    ] as const) {
      const config = presetConfig('sheet');
      (config.topology as unknown as Record<string, number>)[field] = value;
      expect(() => validateConfig(config)).toThrow(message);
    }
    const small = withNeurons(presetConfig('sheet'), 50);
    (small.topology as SheetTopology).inDegreeE = 30;
    (small.topology as SheetTopology).inDegreeI = 5;
    (small.topology as SheetTopology).leadInDegreeE = 45;
    expect(() => validateConfig(small)).toThrow(/topology\.leadInDegreeE = 45 .*at most the excitatory cells − 1 \(39\)/);
  });
});
