import { describe, it } from 'vitest';
import { checkRegimes, sweepSheet } from './regimes';

describe('sheet regimes, seed 2', () => {
  it('shows the Mg regimes of docs/MODEL.md §Validation and falls monotonically with [Mg]o', async () => {
    checkRegimes(await sweepSheet(2), 2);
  }, 900_000);
});
