/**
 * The slice being stepped (assembly/kernel.ts binds it first in every call): its pointers, copied
 * from its descriptor, and its parameter block.
 *
 * A network's neurons are cut into slices (src/core/network.ts: always two, so that the spikes do
 * not depend on how many threads step them; docs/ARCHITECTURE.md, Threads and slices). A slice owns
 * its neurons' update, its own Poisson drive stream and the synapses that end on its neurons (its
 * own rows, and its own FIFO or event lists). Everything a slice needs lives in memory behind its
 * descriptor (SLICE) and the kernel keeps no state between calls: any instance of the kernel, on
 * this thread or on another one sharing the memory, can step any slice, and the result is the same
 * bit for bit.
 */
import { SLICE } from './layout.generated';

/** Word k of the descriptor at d. */
@inline export function word(d: usize, k: usize): u32 {
  return load<u32>(d + (k << 2));
}

/** Neurons [0, excitatory) of the network are excitatory; the slice's are [sliceLo, sliceHi). */
export let excitatory: i32 = 0;
export let sliceLo: i32 = 0;
export let sliceHi: i32 = 0;
// the network's arrays (indexed by neuron id)
export let pV: usize = 0;
export let pGA: usize = 0;
export let pGG: usize = 0;
export let pSN: usize = 0;
export let pW: usize = 0;
export let pRef: usize = 0;
export let pThr: usize = 0;
export let pSPre: usize = 0;
export let pLast: usize = 0;
export let pAccA: usize = 0;
export let pAccN: usize = 0;
export let pAccG: usize = 0;
export let pDrive: usize = 0;
export let pTable: usize = 0;
export let pCdfNeuron: usize = 0;
export let pIonLeak: usize = 0;
export let pIonEK: usize = 0;
export let pIonEGaba: usize = 0;
// the slice's own
export let pCdfTotal: usize = 0;
export let pGuide: usize = 0;
export let pRng: usize = 0;
export let pParams: usize = 0;

/** Loads the slice behind descriptor d into the globals above. */
export function bindSlice(d: usize): void {
  excitatory = <i32>word(d, SLICE.excitatory);
  sliceLo = <i32>word(d, SLICE.lo);
  sliceHi = <i32>word(d, SLICE.hi);
  pV = word(d, SLICE.vMV);
  pGA = word(d, SLICE.gAmpaNS);
  pGG = word(d, SLICE.gGabaNS);
  pSN = word(d, SLICE.sNmda);
  pW = word(d, SLICE.adaptPA);
  pRef = word(d, SLICE.refractoryLeftSteps);
  pThr = word(d, SLICE.vThreshMV);
  pSPre = word(d, SLICE.sNmdaPre);
  pLast = word(d, SLICE.lastSpikeStep);
  pAccA = word(d, SLICE.arrivalsAmpa);
  pAccN = word(d, SLICE.arrivalsNmda);
  pAccG = word(d, SLICE.arrivalsGaba);
  pDrive = word(d, SLICE.driveCount);
  pTable = word(d, SLICE.mgTable);
  pCdfNeuron = word(d, SLICE.cdfNeuron);
  pIonLeak = word(d, SLICE.ionLeakDrivePA);
  pIonEK = word(d, SLICE.ionEKMV);
  pIonEGaba = word(d, SLICE.ionEGabaMV);
  pCdfTotal = word(d, SLICE.cdfTotal);
  pGuide = word(d, SLICE.guide);
  pRng = word(d, SLICE.rng);
  pParams = word(d, SLICE.params);
}

/** Slot i of the slice's float64 parameter block (PARAM, POP_PARAM). */
@inline export function param(i: i32): f64 {
  return load<f64>(pParams + (<usize>i << 3));
}
