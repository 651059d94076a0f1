import { describe, it } from 'vitest';
import { checkRegimes, sweepSheet } from './regimes';

describe('sheet regimes, seed 1', () => {
  it('shows the SCIENCE.md §5 regimes and falls monotonically with [Mg]o', async () => {
    checkRegimes(await sweepSheet(1), 1);
  }, 900_000);
});
