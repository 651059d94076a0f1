import { describe, expect, it } from 'vitest';
import { legendLayout } from '../../../src/ui/chart2d';

describe('legendLayout: a chart legend wraps instead of running off a narrow chart', () => {
  it('keeps one row where the entries fit', () => {
    expect(legendLayout([100, 80, 60], 400, 18).map((e) => e.y)).toEqual([0, 0, 0]);
  });
  it('starts a new row for an entry that would pass the right edge, and never passes it itself', () => {
    // the ions panel's four entries on a 390 px phone's chart (≈ 270 px of plot)
    const widths = [150, 125, 70, 50];
    const rows = legendLayout(widths, 270, 18);
    expect(rows.map((e) => e.y)).toEqual([0, 18, 18, 36]);
    for (const e of rows) expect(e.x + e.width).toBeLessThanOrEqual(270);
  });
  it('puts an entry wider than the row on a row of its own', () => {
    const rows = legendLayout([50, 500, 50], 300, 20);
    expect(rows.map((e) => [e.x, e.y])).toEqual([
      [0, 0],
      [0, 20],
      [0, 40],
    ]);
  });
});
