import { describe, it } from 'vitest';
import { checkRegimes, sweepSheet } from './regimes';

describe('sheet regimes, seed 3', () => {
  it('shows the Mg regimes of docs/MODEL.md §Validation and falls monotonically with [Mg]o', async () => {
    checkRegimes(await sweepSheet(3), 3);
  }, 900_000);
});
