/**
 * The fast kernel's constants in its memory: one float64 parameter block per slice (slot indices
 * PARAM and POP_PARAM of layout.ts, read by assembly/kernel.ts at every step) and the float32 copy
 * of the B(V) table. Written from the derived constants (src/core/liveConstants.ts) at build and
 * after every live change.
 */
import type { LiveConstants } from '../liveConstants';
import type { SliceDrive, StateArray } from '../networkState';
import type { BlockTable } from './blockTable';
import { BLOCK_TABLE_MIN_MV } from './blockTable';
import { PARAM, POP_PARAM, POP_PARAM_SLOTS } from './layout';


/**
 * One slice's parameter block: the same values for every slice but for the populations' bounds
 * (clipped to the slice) and the slice's own Poisson total table.
 */
export function writeParamBlock(P: Float64Array, c: LiveConstants, slice: SliceDrive, adaptPA: StateArray): void {
  P[PARAM.eAmpaMV] = c.eAmpaMV;
  P[PARAM.eGabaMV] = c.eGabaMV;
  P[PARAM.eNmdaMV] = c.eNmdaMV;
  P[PARAM.decayAmpa] = c.decayAmpa;
  P[PARAM.decayGaba] = c.decayGaba;
  P[PARAM.decayNmda] = c.decayNmda;
  P[PARAM.nmdaJumpK0] = c.nmdaJumpK0;
  P[PARAM.nmdaJumpK1] = c.nmdaJumpK1;
  P[PARAM.averageAmpa] = c.averageAmpa;
  P[PARAM.averageGaba] = c.averageGaba;
  P[PARAM.ionsOn] = c.ionsOn ? 1 : 0;
  P[PARAM.thresholdShiftMV] = c.thresholdShiftMV;
  P[PARAM.stepsPerDecayMs] = c.stepsPerDecayMs;
  P[PARAM.tableInvStepPerMV] = c.mgTable.invStepPerMV;
  P[PARAM.driveMode] = c.driveMode;
  P[PARAM.nmdaModelled] = c.nmdaModelled ? 1 : 0;
  P[PARAM.tableMinMV] = BLOCK_TABLE_MIN_MV;
  P[PARAM.tableLast] = c.mgTable.values.length - 2;
  P[PARAM.blockFree] = c.mgTable.values.every((b) => b === 1) ? 1 : 0;
  P[PARAM.reversalZero] = c.eAmpaMV === 0 && c.eNmdaMV === 0 ? 1 : 0;
  P[PARAM.totalKLo] = slice.totalKLo;
  P[PARAM.guideSize] = slice.guideSize;
  for (const [p, pop] of [[0, c.exc], [1, c.inh]] as const) {
    const base = PARAM.population + POP_PARAM_SLOTS * p;
    P[base + POP_PARAM.dtOverCapPerNS] = pop.dtOverCapPerNS;
    P[base + POP_PARAM.gLeakNS] = pop.gLeakNS;
    P[base + POP_PARAM.leakDrivePA] = pop.leakDrivePA;
    P[base + POP_PARAM.vResetMV] = pop.vResetMV;
    P[base + POP_PARAM.refractorySteps] = pop.refractorySteps;
    P[base + POP_PARAM.adaptIncrement] = c.ionsOn ? pop.adaptIncrementNS : pop.adaptIncrementPA;
    P[base + POP_PARAM.adaptDecay] = pop.adaptDecay;
    P[base + POP_PARAM.averageAdapt] = pop.averageAdapt;
    P[base + POP_PARAM.gAmpaNS] = pop.gAmpaNS;
    P[base + POP_PARAM.gNmdaAverageNS] = pop.gNmdaAverageNS;
    P[base + POP_PARAM.gGabaNS] = pop.gGabaNS;
    P[base + POP_PARAM.gDriveNS] = pop.gDriveNS;
    // the population's neurons within this slice (an empty range where they do not meet)
    P[base + POP_PARAM.start] = Math.min(Math.max(pop.start, slice.lo), slice.hi);
    P[base + POP_PARAM.end] = Math.max(Math.min(pop.end, slice.hi), slice.lo);
    // w ≡ 0 stays 0 without increments: the fast kernel may skip it (exactly, see the kernel)
    let adaptOn = pop.adaptIncrementPA > 0; // > 0 exactly when its conductance form is
    for (let i = pop.start; i < pop.end && !adaptOn; i++) adaptOn = adaptPA[i] !== 0;
    P[base + POP_PARAM.adaptOn] = adaptOn ? 1 : 0;
  }
}

/** The fast kernel's float32 table: (B_k, B_k+1 − B_k) pairs, the difference taken in float32. */
export function writeBlockPairs(pairs: Float32Array, table: BlockTable): void {
  const b = table.values;
  for (let k = 0; k < b.length; k++) {
    pairs[2 * k] = b[k];
    pairs[2 * k + 1] = k + 1 < b.length ? Math.fround(Math.fround(b[k + 1]) - Math.fround(b[k])) : 0;
  }
}
