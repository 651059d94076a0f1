/**
 * The step kernels' B(V) table: the Mg block of src/core/mgBlock.ts sampled every 0.05 mV from
 * −140 to +60 mV (32 KB) and linearly interpolated. Coarser than a 0.01 mV table (160 KB) on
 * purpose: at 10,000 neurons a step streams ≈ 1.3 MB of state, more than the 1 MB L2 cache, and the
 * fine table's lines were evicted between uses (the profile showed its loads as the loop's main
 * stall). The few hundred entries of the membrane's usual range now stay in L1.
 * Interpolation error ≤ h²/8 · max|B''| = 0.05²/8 · 0.062²/4 ≈ 3e-7 (tests/unit/core/kernel.test.ts).
 * The reference kernel and the probes read this table; the fast kernel a float32 copy of it.
 */
import { mgBlock } from '../mgBlock';

export const BLOCK_TABLE_MIN_MV = -140;
export const BLOCK_TABLE_MAX_MV = 60;
export const BLOCK_TABLE_STEP_MV = 0.05;
/** Entries of the table: the samples from min to max and one past max (so interpolation at max reads k + 1). */
export const BLOCK_TABLE_LENGTH = Math.round((BLOCK_TABLE_MAX_MV - BLOCK_TABLE_MIN_MV) / BLOCK_TABLE_STEP_MV) + 2;

export class BlockTable {
  readonly values: Float64Array;
  /** 1 / step, exactly 20 per mV */
  readonly invStepPerMV = 1 / BLOCK_TABLE_STEP_MV;
  private mgOutMMValue = Number.NaN;

  constructor(mgOutMM: number) {
    this.values = new Float64Array(BLOCK_TABLE_LENGTH);
    this.setMg(mgOutMM);
  }

  get mgOutMM(): number {
    return this.mgOutMMValue;
  }

  /** Refills the table (4,002 exps, ≈ 0.1 ms) when [Mg]o changes. */
  setMg(mgOutMM: number): void {
    if (mgOutMM === this.mgOutMMValue) return;
    this.mgOutMMValue = mgOutMM;
    const values = this.values;
    for (let k = 0; k < values.length; k++) values[k] = mgBlock(BLOCK_TABLE_MIN_MV + k * BLOCK_TABLE_STEP_MV, mgOutMM);
  }

  /** B(vMV): the kernels' arithmetic exactly. */
  lookup(vMV: number): number {
    const values = this.values;
    let x = (vMV - BLOCK_TABLE_MIN_MV) * this.invStepPerMV;
    if (x < 0) x = 0;
    else if (x > values.length - 2) x = values.length - 2;
    const k = x | 0;
    return values[k] + (x - k) * (values[k + 1] - values[k]);
  }
}
