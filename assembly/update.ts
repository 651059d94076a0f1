/**
 * Steps 1–5 of the reference for one population of the slice (arrivals, drive, membrane,
 * threshold and reset, decay: docs/MODEL.md, Neurons and Synapses), four neurons at a time in
 * float32 f32x4 arithmetic.
 */
import { POP_PARAM, PARAM } from './layout.generated';
import { param, pAccA, pAccG, pAccN, pDrive, pGA, pGG, pIonEGaba, pIonEK, pIonLeak, pRef, pSN, pTable, pThr, pV, pW } from './slice';

// What a population's update is specialised on, as a bitmask (updatePopulation switches on it):
// one copy of the loop per combination, each with its switches folded at compile time, so that a
// loop carries no state, constants or branches for what its network does not have.
/** Drive: Poisson drive counts arrive (PARAM.driveMode is not DRIVE_NONE). */
const D: i32 = 1;
/**
 * NMDA gating: s is tracked (PARAM.nmdaModelled). Without it sNmda and its accumulator stay
 * exactly 0 and are neither read nor written.
 */
const G: i32 = 2;
/** NMDA conductance: this population's gNmda is not 0 (set only with G). */
const N: i32 = 4;
/** Adaptation: w may be non-zero (POP_PARAM.adaptOn); without it w is neither read nor written. */
const A: i32 = 8;
/**
 * Ions (PARAM.ionsOn, docs/MODEL.md §Ion dynamics): the leak drive, E_GABA and E_K are the neuron's
 * own (three more arrays), the adaptation is a K⁺ conductance at E_K, and the threshold is shifted
 * by PARAM.thresholdShiftMV. Without it the loop is the fixed-ion one, operation for operation.
 */
const I: i32 = 16;
/**
 * Unblocked NMDA (PARAM.blockFree, set only with N): every B(V) of the table is exactly 1 ([Mg]o = 0),
 * so gN = (gNmda·s)·B is gNmda·s exactly and the table is not read (its index arithmetic and
 * four-lane gather are a fifth of the loop's instructions).
 */
const U: i32 = 32;
/**
 * Zero AMPA and NMDA reversal potentials (PARAM.reversalZero: E_AMPA = E_NMDA = 0 mV, as in both
 * presets): num's terms gA·āA·E_AMPA and gN·E_NMDA are ±0 and are left out, which leaves num
 * unchanged bit for bit (x + ±0 = x for every x but −0; num's first term, the leak drive, is a
 * sum of non-zero terms, never −0). Only the presets' combinations have a Z copy; the others run
 * their plain one (updatePopulation).
 */
const Z: i32 = 64;

/**
 * Lanes [0, lanes) of the 32-bit values at p, the others 0. lanes is 4 in the loop (one v128
 * load) and 1–3 for the neurons left over at a population's end, which are read no further: what
 * follows may be another population's neurons or, past the slice's end, another thread's.
 */
@inline function get(p: usize, lanes: i32): v128 {
  if (lanes == 4) return v128.load(p);
  const low = lanes == 1 ? v128.load32_zero(p) : v128.load64_zero(p);
  return lanes == 3 ? v128.load32_lane(p, low, 2, 8) : low;
}

/** Stores lanes [0, lanes) of v at p, and nothing past them (see get). */
@inline function put(p: usize, v: v128, lanes: i32): void {
  if (lanes == 4) {
    v128.store(p, v);
    return;
  }
  if (lanes == 1) v128.store32_lane(p, v, 0);
  else v128.store64_lane(p, v, 0);
  if (lanes == 3) v128.store32_lane(p, v, 2, 8);
}

/** An accumulator's lanes, cleared once read. */
@inline function take(p: usize, lanes: i32): v128 {
  const v = get(p, lanes);
  put(p, i32x4.splat(0), lanes);
  return v;
}

/** A float64 parameter slot as four float32 lanes. */
@inline function splatParam(slot: i32): v128 {
  return f32x4.splat(<f32>param(slot));
}

/**
 * B(V) of four membrane potentials (docs/MODEL.md, Mg block), interpolated in the float32 table
 * of (B_k, B_k+1 − B_k) pairs: the index arithmetic for four lanes at once, then one 8-byte load
 * per lane. The index is clamped to [0, last] as in the reference, so any V reads inside the table.
 */
@inline function mgBlock(v: v128, table: usize, tableMin: v128, tableInvStep: v128, tableLast: v128): v128 {
  let x = f32x4.mul(f32x4.sub(v, tableMin), tableInvStep);
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(0)), tableLast);
  const k = i32x4.trunc_sat_f32x4_s(x);
  const p01 = v128.load64_lane(table + (<usize>i32x4.extract_lane(k, 1) << 3), v128.load64_zero(table + (<usize>i32x4.extract_lane(k, 0) << 3)), 1);
  const p23 = v128.load64_lane(table + (<usize>i32x4.extract_lane(k, 3) << 3), v128.load64_zero(table + (<usize>i32x4.extract_lane(k, 2) << 3)), 1);
  const b = v128.shuffle<f32>(p01, p23, 0, 2, 4, 6);
  const slope = v128.shuffle<f32>(p01, p23, 1, 3, 5, 7);
  return f32x4.add(b, f32x4.mul(f32x4.sub(x, f32x4.convert_i32x4_s(k)), slope));
}

/**
 * The lanes of `fired` (among the first `lanes`) in neuron order: each starts its refractory
 * period and goes to the step's spike list at `ids`. Returns the new spike count.
 */
@inline function recordSpikes(fired: v128, i: i32, ref: usize, lanes: i32, refSteps: i32, ids: usize, spikedIn: i32): i32 {
  let bits = i32x4.bitmask(fired);
  if (lanes < 4) bits &= (1 << lanes) - 1;
  let spiked = spikedIn;
  if (bits == 0) return spiked; // what fired were lanes past the tail's end (see get)
  do {
    const lane = ctz(bits);
    bits &= bits - 1;
    store<i32>(ref + (<usize>lane << 2), refSteps);
    store<u32>(ids + (<usize>spiked << 2), i + lane);
    spiked++;
  } while (bits != 0);
  return spiked;
}

/**
 * Steps 1–5 of the reference (arrivals, drive, membrane, threshold and reset, decay) for neurons
 * [from, to) of the population at parameter slot `base`, `lanes` at a time (4 but in the tail), in
 * float32 f32x4 arithmetic with the reference's operations in its order and no fused multiply-add,
 * so that a lane rounds exactly as a float32 scalar would. Returns the new spike count.
 */
@inline function updateLanes(base: i32, from: i32, to: i32, lanes: i32, features: i32, ids: usize, spikedIn: i32): i32 {
  const driveOn = (features & D) != 0;
  const gating = (features & G) != 0;
  const nmdaOn = (features & N) != 0;
  const adaptOn = (features & A) != 0;
  const ionsOn = (features & I) != 0;
  const unblocked = (features & U) != 0;
  const reversalZero = (features & Z) != 0;
  const refSteps = <i32>param(base + POP_PARAM.refractorySteps);
  const vDtOverCap = splatParam(base + POP_PARAM.dtOverCapPerNS);
  const vLeak = splatParam(base + POP_PARAM.gLeakNS);
  const vLeakDrive = splatParam(base + POP_PARAM.leakDrivePA);
  const vReset = splatParam(base + POP_PARAM.vResetMV);
  const vAdaptInc = splatParam(base + POP_PARAM.adaptIncrement);
  const vAdaptDecay = splatParam(base + POP_PARAM.adaptDecay);
  const vAverageAdapt = splatParam(base + POP_PARAM.averageAdapt);
  const vWAmpa = splatParam(base + POP_PARAM.gAmpaNS);
  const vWNmda = splatParam(base + POP_PARAM.gNmdaAverageNS);
  const vWGaba = splatParam(base + POP_PARAM.gGabaNS);
  const vWDrive = splatParam(base + POP_PARAM.gDriveNS);
  const vEAmpa = splatParam(PARAM.eAmpaMV);
  const vEGaba = splatParam(PARAM.eGabaMV);
  const vENmda = splatParam(PARAM.eNmdaMV);
  const vDecayAmpa = splatParam(PARAM.decayAmpa);
  const vDecayGaba = splatParam(PARAM.decayGaba);
  const vDecayNmda = splatParam(PARAM.decayNmda);
  const vAverageAmpa = splatParam(PARAM.averageAmpa);
  const vAverageGaba = splatParam(PARAM.averageGaba);
  const vShift = splatParam(PARAM.thresholdShiftMV);
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const sixth = f32x4.splat(<f32>(1.0 / 6.0));
  const vTableMin = splatParam(PARAM.tableMinMV);
  const vTableInvStep = splatParam(PARAM.tableInvStepPerMV);
  const vTableLast = splatParam(PARAM.tableLast);
  const zero = f32x4.splat(0);
  // the arrays' addresses in locals (mutable globals would be reloaded every iteration)
  const pv = pV, pga = pGA, pgg = pGG, psn = pSN, pw = pW, pref = pRef, pthr = pThr;
  const paccA = pAccA, paccG = pAccG, paccN = pAccN, pdrive = pDrive, ptable = pTable;
  const pleak = pIonLeak, pek = pIonEK, pegaba = pIonEGaba;
  let spiked = spikedIn;

  // a do-while (the callers ensure from < to): in V8 a value used only in a loop body that does
  // not dominate the loop's exit is computed again in every iteration, so in a for loop every
  // splat above would be redone four neurons at a time
  let i = from;
  do {
    const o4 = <usize>i << 2;
    // 1. arrivals (float32 accumulators, cleared once read)
    let gA = f32x4.add(get(pga + o4, lanes), f32x4.mul(vWAmpa, take(paccA + o4, lanes)));
    const gG = f32x4.add(get(pgg + o4, lanes), f32x4.mul(vWGaba, take(paccG + o4, lanes)));
    const sN = gating ? f32x4.add(get(psn + o4, lanes), take(paccN + o4, lanes)) : zero;
    // 2. drive
    if (driveOn) gA = f32x4.add(gA, f32x4.mul(f32x4.convert_i32x4_s(take(pdrive + o4, lanes)), vWDrive));
    // 3. membrane, exponential Euler with the step-averaged conductances (docs/MODEL.md §Numerics):
    //    G = gL + gA·āA + gG·āG + gN,  num = gL·EL + gA·āA·EA + gG·āG·EG + gN·EN − w·āw,
    //    x = (dt/C)·G,  P = 1 + x·(1/2 + x/6),  V ← (V + ((dt/C)·num)·P) / (1 + x·P)
    const vOld = get(pv + o4, lanes);
    let w = adaptOn ? get(pw + o4, lanes) : zero;
    const a = f32x4.mul(gA, vAverageAmpa);
    const g = f32x4.mul(gG, vAverageGaba);
    let total = f32x4.add(f32x4.add(vLeak, a), g);
    // with ions: the neuron's own leak drive and E_GABA
    const leakDrive = ionsOn ? get(pleak + o4, lanes) : vLeakDrive;
    const eGaba = ionsOn ? get(pegaba + o4, lanes) : vEGaba;
    let num = reversalZero
      ? f32x4.add(leakDrive, f32x4.mul(g, eGaba))
      : f32x4.add(f32x4.add(leakDrive, f32x4.mul(a, vEAmpa)), f32x4.mul(g, eGaba));
    if (nmdaOn) {
      const gNOpen = f32x4.mul(vWNmda, sN);
      const gN = unblocked ? gNOpen : f32x4.mul(gNOpen, mgBlock(vOld, ptable, vTableMin, vTableInvStep, vTableLast));
      total = f32x4.add(total, gN);
      if (!reversalZero) num = f32x4.add(num, f32x4.mul(gN, vENmda));
    }
    if (adaptOn && ionsOn) {
      // g_W, the adaptation as a K⁺ conductance at the neuron's E_K
      const gW = f32x4.mul(w, vAverageAdapt);
      total = f32x4.add(total, gW);
      num = f32x4.add(num, f32x4.mul(gW, get(pek + o4, lanes)));
    } else if (adaptOn) {
      num = f32x4.sub(num, f32x4.mul(w, vAverageAdapt));
    }
    const x = f32x4.mul(vDtOverCap, total);
    const p = f32x4.add(one, f32x4.mul(x, f32x4.add(half, f32x4.mul(x, sixth))));
    let vNew = f32x4.div(f32x4.add(vOld, f32x4.mul(f32x4.mul(vDtOverCap, num), p)), f32x4.add(one, f32x4.mul(x, p)));
    // 4. threshold and reset: a refractory neuron is held at vReset, counts down and cannot fire
    const ref = get(pref + o4, lanes);
    const refractory = i32x4.gt_s(ref, i32x4.splat(0));
    vNew = v128.bitselect(vReset, vNew, refractory);
    const threshold = ionsOn ? f32x4.add(get(pthr + o4, lanes), vShift) : get(pthr + o4, lanes);
    const fired = v128.andnot(f32x4.gt(vNew, threshold), refractory);
    put(pref + o4, i32x4.add(ref, refractory), lanes); // ref − 1 where counting (the mask is −1)
    if (v128.any_true(fired)) {
      vNew = v128.bitselect(vReset, vNew, fired);
      if (adaptOn) w = v128.bitselect(f32x4.add(w, vAdaptInc), w, fired);
      spiked = recordSpikes(fired, i, pref + o4, lanes, refSteps, ids, spiked);
    }
    put(pv + o4, vNew, lanes);
    // 5. decay
    put(pga + o4, f32x4.mul(gA, vDecayAmpa), lanes);
    put(pgg + o4, f32x4.mul(gG, vDecayGaba), lanes);
    if (gating) put(psn + o4, f32x4.mul(sN, vDecayNmda), lanes);
    if (adaptOn) put(pw + o4, f32x4.mul(w, vAdaptDecay), lanes);
    i += 4;
  } while (i < to);
  return spiked;
}

/**
 * The one to three neurons left over at a population's end: the same update on a partly filled
 * vector, one copy for every combination of features (it runs once per population and step). The
 * unused lanes read as 0, compute harmlessly (the denominator is at least 1 + x·P with x ≥ 0) and are
 * neither stored nor counted; a used lane rounds exactly as float32 scalar code would.
 */
function updateTail(base: i32, from: i32, to: i32, features: i32, ids: usize, spikedIn: i32): i32 {
  return updateLanes(base, from, to, to - from, features, ids, spikedIn);
}

/** The specialised loop over a population's whole vectors, then its tail. */
@inline function updateRange(base: i32, ids: usize, spikedIn: i32, features: i32): i32 {
  const start = <i32>param(base + POP_PARAM.start);
  const end = <i32>param(base + POP_PARAM.end);
  const full = start + ((end - start) & ~3);
  const spiked = start < full ? updateLanes(base, start, full, 4, features, ids, spikedIn) : spikedIn;
  return full < end ? updateTail(base, full, end, features, ids, spiked) : spiked;
}

// The specialised copies, one function each (named by their features: Drive, nmda Gating, Nmda
// conductance, Unblocked, Adaptation, Ions, Zero reversals). Side by side in one function they
// would not stay apart: Binaryen's code folding runs before its constant propagation and merges
// them into one loop that tests the switches at run time.
function update(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, 0); }
function updateD(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, D); }
function updateA(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, A); }
function updateAD(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, A | D); }
function updateG(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G); }
function updateGD(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | D); }
function updateGA(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | A); }
function updateGAD(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | A | D); }
function updateGN(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N); }
function updateGND(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | D); }
function updateGNA(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | A); }
function updateGNAD(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | A | D); }
function updateI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, I); }
function updateDI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, D | I); }
function updateAI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, A | I); }
function updateADI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, A | D | I); }
function updateGI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | I); }
function updateGDI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | D | I); }
function updateGAI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | A | I); }
function updateGADI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | A | D | I); }
function updateGNI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | I); }
function updateGNDI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | D | I); }
function updateGNAI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | A | I); }
function updateGNADI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | A | D | I); }
function updateGNU(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U); }
function updateGNUD(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | D); }
function updateGNUA(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | A); }
function updateGNUAD(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | A | D); }
function updateGNUI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | I); }
function updateGNUDI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | D | I); }
function updateGNUAI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | A | I); }
function updateGNUADI(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | A | D | I); }
// with zero AMPA and NMDA reversals: COBA's (no feature) and the sheet's (E with adaptation, I without;
// ions on or off; [Mg]o above 0 or 0)
function updateZ(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, Z); }
function updateGNDZ(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | D | Z); }
function updateGNADZ(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | A | D | Z); }
function updateGNDIZ(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | D | I | Z); }
function updateGNADIZ(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | A | D | I | Z); }
function updateGNUDZ(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | D | Z); }
function updateGNUADZ(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | A | D | Z); }
function updateGNUDIZ(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | D | I | Z); }
function updateGNUADIZ(base: i32, ids: usize, spikedIn: i32): i32 { return updateRange(base, ids, spikedIn, G | N | U | A | D | I | Z); }

/**
 * Steps 1–5 for the population at parameter slot `base`, by the copy made for its features; its
 * spikes go to the list at `ids` after the `spikedIn` already there. Returns the new spike count.
 */
export function updatePopulation(base: i32, driveOn: bool, ids: usize, spikedIn: i32): i32 {
  const gating = param(PARAM.nmdaModelled) != 0;
  let features = driveOn ? D : 0;
  if (gating) features |= G;
  if (gating && param(base + POP_PARAM.gNmdaAverageNS) != 0) features |= param(PARAM.blockFree) != 0 ? N | U : N;
  if (param(base + POP_PARAM.adaptOn) != 0) features |= A;
  if (param(PARAM.ionsOn) != 0) features |= I;
  if (param(PARAM.reversalZero) != 0) {
    switch (features) {
      case 0: return updateZ(base, ids, spikedIn);
      case G | N | D: return updateGNDZ(base, ids, spikedIn);
      case G | N | A | D: return updateGNADZ(base, ids, spikedIn);
      case G | N | D | I: return updateGNDIZ(base, ids, spikedIn);
      case G | N | A | D | I: return updateGNADIZ(base, ids, spikedIn);
      case G | N | U | D: return updateGNUDZ(base, ids, spikedIn);
      case G | N | U | A | D: return updateGNUADZ(base, ids, spikedIn);
      case G | N | U | D | I: return updateGNUDIZ(base, ids, spikedIn);
      case G | N | U | A | D | I: return updateGNUADIZ(base, ids, spikedIn);
    }
  }
  switch (features) {
    case 0: return update(base, ids, spikedIn);
    case D: return updateD(base, ids, spikedIn);
    case A: return updateA(base, ids, spikedIn);
    case A | D: return updateAD(base, ids, spikedIn);
    case G: return updateG(base, ids, spikedIn);
    case G | D: return updateGD(base, ids, spikedIn);
    case G | A: return updateGA(base, ids, spikedIn);
    case G | A | D: return updateGAD(base, ids, spikedIn);
    case G | N: return updateGN(base, ids, spikedIn);
    case G | N | D: return updateGND(base, ids, spikedIn);
    case G | N | A: return updateGNA(base, ids, spikedIn);
    case G | N | A | D: return updateGNAD(base, ids, spikedIn);
    case I: return updateI(base, ids, spikedIn);
    case D | I: return updateDI(base, ids, spikedIn);
    case A | I: return updateAI(base, ids, spikedIn);
    case A | D | I: return updateADI(base, ids, spikedIn);
    case G | I: return updateGI(base, ids, spikedIn);
    case G | D | I: return updateGDI(base, ids, spikedIn);
    case G | A | I: return updateGAI(base, ids, spikedIn);
    case G | A | D | I: return updateGADI(base, ids, spikedIn);
    case G | N | I: return updateGNI(base, ids, spikedIn);
    case G | N | D | I: return updateGNDI(base, ids, spikedIn);
    case G | N | A | I: return updateGNAI(base, ids, spikedIn);
    case G | N | A | D | I: return updateGNADI(base, ids, spikedIn);
    case G | N | U: return updateGNU(base, ids, spikedIn);
    case G | N | U | D: return updateGNUD(base, ids, spikedIn);
    case G | N | U | A: return updateGNUA(base, ids, spikedIn);
    case G | N | U | A | D: return updateGNUAD(base, ids, spikedIn);
    case G | N | U | I: return updateGNUI(base, ids, spikedIn);
    case G | N | U | D | I: return updateGNUDI(base, ids, spikedIn);
    case G | N | U | A | I: return updateGNUAI(base, ids, spikedIn);
    case G | N | U | A | D | I: return updateGNUADI(base, ids, spikedIn);
  }
  unreachable(); // N is set only with G, U only with N
  return spikedIn;
}
