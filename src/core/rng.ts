/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna 2018), 32-bit, fast in JS because
 * it needs only 32-bit integer operations. Its whole state is four uint32 words held in a typed
 * array, so it can be saved with the rest of the simulation state and restored exactly.
 * Never Math.random(): runs must be reproducible bit for bit.
 */

const TWO_POW_MINUS_32 = 1 / 4294967296;

/** SplitMix32-style integer hash used to expand (seed, stream) into a full xoshiro state. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export class Rng {
  /** The generator's complete state: part of the simulation state. */
  readonly state: Uint32Array;

  constructor(state: Uint32Array) {
    if (state.length !== 4) throw new RangeError('Rng state must be 4 uint32 words');
    if ((state[0] | state[1] | state[2] | state[3]) === 0) throw new RangeError('Rng state must not be all zero');
    this.state = state;
  }

  /** Independent streams for the same seed: connectivity, initial state and dynamics never share. */
  static fromSeed(seed: number, stream = 0): Rng {
    const state = new Uint32Array(4);
    let h = mix32((seed >>> 0) ^ mix32(stream + 0x632be5ab));
    for (let k = 0; k < 4; k++) {
      h = mix32(h + k);
      state[k] = h;
    }
    if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
    return new Rng(state);
  }

  /** Next uint32. */
  nextUint32(): number {
    const s = this.state;
    const s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    let n2 = s2 ^ s0;
    let n3 = s3 ^ s1;
    const n1 = s1 ^ n2;
    const n0 = s0 ^ n3;
    n2 ^= t;
    n3 = rotl(n3, 11);
    s[0] = n0;
    s[1] = n1;
    s[2] = n2;
    s[3] = n3;
    return r >>> 0;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() * TWO_POW_MINUS_32;
  }

  /** Uniform in (0, 1]: safe for Math.log. */
  uniformOpenZero(): number {
    return (this.nextUint32() + 1) * TWO_POW_MINUS_32;
  }

  /** Integer in [0, n) (n ≤ 2^32), by multiply-shift (bias below 2^-32·n, irrelevant here). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal deviate by Box–Muller (one of the pair is discarded: no hidden state). */
  normal(): number {
    const u1 = this.uniformOpenZero();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  clone(): Rng {
    return new Rng(new Uint32Array(this.state));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
