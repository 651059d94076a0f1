/**
 * The memory layout that the TypeScript side and the kernel share (src/core/kernel/layout.ts; the
 * kernel reads assembly/layout.generated.ts, which assembly/build.mjs writes from it). Pinned here:
 * the generated constants say what layout.ts says, and the indices fit their blocks without
 * colliding. (That the generated file and the WebAssembly are current is kernel.test.ts's
 * `build.mjs --check`.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as layout from '../../../src/core/kernel/layout';
import { layoutState, PARAM, PARAM_SLOTS, POP_PARAM, POP_PARAM_SLOTS, SLICE, SLICE_WORDS, sliceDescriptor } from '../../../src/core/kernel/layout';

type Constants = Record<string, number | Record<string, number>>;

/** The constants of assembly/layout.generated.ts, read from its text (namespaces as objects). */
function generatedConstants(): Constants {
  const text = readFileSync(new URL('../../../assembly/layout.generated.ts', import.meta.url), 'utf8');
  const out: Constants = {};
  let space: Record<string, number> | null = null;
  for (const line of text.split('\n')) {
    const open = /^export namespace (\w+) \{$/.exec(line);
    const constant = /^\s*export const (\w+): (?:i32|u32|usize) = (\d+);$/.exec(line);
    if (open) out[open[1]] = space = {};
    else if (line === '}') space = null;
    else if (constant) (space ?? out)[constant[1]] = Number(constant[2]);
    else if (/\bexport\b/.test(line)) throw new Error(`layout.generated.ts: a line this test does not read: ${line}`);
  }
  return out;
}

/** layout.ts's numeric exports: numbers and objects of numbers. */
function typeScriptConstants(): Constants {
  const out: Constants = {};
  for (const [name, value] of Object.entries(layout)) {
    if (typeof value === 'number') out[name] = value;
    else if (typeof value === 'object' && value !== null) out[name] = { ...value };
  }
  return out;
}

/** Descriptor keys that hold one word per step parity (even, odd). */
const PER_PARITY = new Set<string>(['spiked', 'jump', 'spikedCount']);

function expectDistinct(words: number[], what: string): void {
  const seen = new Map<number, number>();
  for (const w of words) seen.set(w, (seen.get(w) ?? 0) + 1);
  expect([...seen].filter(([, n]) => n > 1).map(([w]) => w), `${what}: words used twice`).toEqual([]);
}

describe('memory layout', () => {
  it('the kernel reads the same constants as the TypeScript side, under the same names', () => {
    const generated = generatedConstants();
    expect(generated).toEqual(typeScriptConstants());
    // not vacuous: the blocks the kernel indexes are all there
    expect(Object.keys(generated.SLICE as object)).toEqual(Object.keys(SLICE));
    expect(Object.keys(generated.PARAM as object)).toEqual(Object.keys(PARAM));
    expect(Object.keys(generated.POP_PARAM as object)).toEqual(Object.keys(POP_PARAM));
  });

  it('parameter slots: global ones below the populations, each population inside its slots, both inside the block', () => {
    const globals = Object.entries(PARAM).filter(([key]) => key !== 'population').map(([, slot]) => slot);
    expectDistinct(globals, 'PARAM');
    expect(Math.max(...globals)).toBeLessThan(PARAM.population);
    const pop = Object.values(POP_PARAM);
    expectDistinct(pop, 'POP_PARAM');
    expect(Math.min(...pop)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pop)).toBeLessThan(POP_PARAM_SLOTS);
    // two populations (excitatory, inhibitory)
    expect(PARAM.population + 2 * POP_PARAM_SLOTS).toBeLessThanOrEqual(PARAM_SLOTS);
  });

  it('descriptor words: each field its own word (two for the per-parity ones), all inside the descriptor', () => {
    const words = Object.entries(SLICE).flatMap(([key, w]) => (PER_PARITY.has(key) ? [w, w + 1] : [w]));
    expectDistinct(words, 'SLICE');
    expect(Math.min(...words)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...words)).toBeLessThan(SLICE_WORDS);
  });

  it('sizes: an excitatory event is 8 bytes, a FIFO entry keeps its float64 Δs aligned', () => {
    expect(layout.CHUNK_BYTES).toBe(layout.CHUNK_EVENTS * 8);
    expect(layout.FIFO_STRIDE_BYTES % 8).toBe(0);
    // two lists (excitatory, inhibitory) of head, tail, count in 16 bytes each
    expect(layout.SLOT_META_BYTES).toBe(2 * 16);
    // MAX_NEURONS (200,000) targets fit below the delay bits
    expect(2 ** layout.PACKED_TARGET_BITS).toBeGreaterThan(200_000);
  });

  it('a descriptor points each slice at its own arrays, 16-aligned and inside the layout', () => {
    const neurons = 1001;
    const base = 65536;
    const L = layoutState(
      {
        neurons,
        stateBytes: 4,
        mgTableLength: 100,
        cdfNeuronLength: 8,
        cdfTotalCapacity: 16,
        guideCapacity: 16,
        withRows: true,
        slices: [
          { lo: 0, hi: 500, synapseCount: 40, fifoCapacity: 0, eventSlots: 8, chunks: 3 },
          { lo: 500, hi: neurons, synapseCount: 40, fifoCapacity: 0, eventSlots: 8, chunks: 3 },
        ],
      },
      base,
    );
    const counts = new Set<string>(['neurons', 'excitatory', 'fifoCapacity', 'eventMode', 'ringMask', 'lo', 'hi']);
    const zero = new Set<string>(['fifoHead', 'fifoCount', 'freeHead', 'pendingEvents', 'spikedCount']);
    const perSlice: number[] = [];
    for (let s = 0; s < 2; s++) {
      const d = sliceDescriptor(L, s, neurons, 800);
      expect(d.length).toBe(SLICE_WORDS);
      expect([d[SLICE.neurons], d[SLICE.excitatory], d[SLICE.lo], d[SLICE.hi], d[SLICE.ringMask]]).toEqual([neurons, 800, L.slices[s].lo, L.slices[s].hi, 7]);
      for (const [key, w] of Object.entries(SLICE)) {
        if (counts.has(key) || zero.has(key)) continue;
        for (const at of PER_PARITY.has(key) ? [d[w], d[w + 1]] : [d[w]]) {
          expect(at % 16, key).toBe(0);
          expect(at, key).toBeGreaterThanOrEqual(base);
          expect(at, key).toBeLessThan(base + L.bytes);
        }
      }
      perSlice.push(d[SLICE.rng], d[SLICE.params], d[SLICE.spiked], d[SLICE.spiked + 1], d[SLICE.jump], d[SLICE.jump + 1], d[SLICE.pool]);
    }
    expectDistinct(perSlice, "the slices' own arrays");
  });
});
