/**
 * Step 2, the drive: this step's Poisson input counts for the slice's neurons
 * (docs/MODEL.md, Drive), drawn from the slice's own random stream.
 */
import { DRIVE_PER_NEURON, PARAM } from './layout.generated';
import { param, pCdfNeuron, pCdfTotal, pDrive, pGuide, pRng, sliceHi, sliceLo } from './slice';

// ---- xoshiro128** (Blackman & Vigna 2018), the same generator and state as src/core/rng.ts ----
let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

@inline function nextU32(): u32 {
  const r = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return r;
}

/** Uniform neuron index in [0, n): Lemire's multiply-shift with rejection, exactly uniform. */
@inline function below(n: u32): u32 {
  let m = <u64>nextU32() * <u64>n;
  let low = <u32>m;
  if (low < n) {
    const threshold: u32 = (<u32>0 - n) % n; // 2^32 mod n
    while (low < threshold) {
      m = <u64>nextU32() * <u64>n;
      low = <u32>m;
    }
  }
  return <u32>(m >> 32);
}

/**
 * 2. Poisson drive counts of this step for the slice's neurons into drive[] (mode: PARAM.driveMode,
 * not DRIVE_NONE); the random state is the slice's, in memory between calls.
 */
export function drawDrive(mode: i32): void {
  s0 = load<u32>(pRng);
  s1 = load<u32>(pRng, 4);
  s2 = load<u32>(pRng, 8);
  s3 = load<u32>(pRng, 12);
  if (mode == DRIVE_PER_NEURON) {
    // one uniform per neuron, inverted through the cumulative table
    for (let i = sliceLo; i < sliceHi; i++) {
      const u = <f64>nextU32() * 2.3283064365386963e-10;
      let k: i32 = 0;
      while (u >= load<f64>(pCdfNeuron + (<usize>k << 3))) k++;
      store<i32>(pDrive + (<usize>i << 2), k);
    }
  } else {
    // the slice's total ~ Poisson(N_slice λ) by guided inversion (53-bit uniform), then each event
    // to a uniformly chosen neuron of the slice: the counts are independent Poisson(λ) per neuron
    const a = nextU32() >>> 5;
    const b = nextU32() >>> 6;
    const u = (<f64>a * 67108864.0 + <f64>b) * 1.1102230246251565e-16;
    const guideSize = param(PARAM.guideSize);
    let j = load<i32>(pGuide + (<usize>(<i32>(u * guideSize)) << 2));
    while (u >= load<f64>(pCdfTotal + (<usize>j << 3))) j++;
    const total = <i32>param(PARAM.totalKLo) + j;
    const n = <u32>(sliceHi - sliceLo);
    const first = <usize>sliceLo << 2;
    for (let e = 0; e < total; e++) {
      const at = pDrive + first + (<usize>below(n) << 2);
      store<i32>(at, load<i32>(at) + 1);
    }
  }
  store<u32>(pRng, s0);
  store<u32>(pRng, s1, 4);
  store<u32>(pRng, s2, 8);
  store<u32>(pRng, s3, 12);
}
