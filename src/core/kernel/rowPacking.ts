/**
 * The fast kernel's synapse rows: each slice keeps, of every presynaptic neuron's CSR row, only the
 * synapses onto its own neurons, sorted by delay and packed into one u32 each, so that a spike's
 * delivery reads one contiguous, delay-ordered run (assembly/kernel.ts, FIFO and event modes).
 */
import type { Connectivity } from '../connectivity';

/** Packed synapse: delay above bit 18, target below (MAX_NEURONS < 2^18). */
const TARGET_BITS = 18;

/** Synapses onto neurons [lo, hi): the length of that slice's packed rows. */
export function synapsesOnto(connectivity: Connectivity, lo: number, hi: number): number {
  const { targets } = connectivity;
  let count = 0;
  for (let e = 0; e < targets.length; e++) if (targets[e] >= lo && targets[e] < hi) count++;
  return count;
}

/**
 * One slice's rows: of each neuron's row, the synapses onto neurons [lo, hi), stably sorted by
 * delay (so each target still meets them in row order), packed as delay · 2^18 + target into
 * `packed`, with rowStartOut[pre] the start of neuron pre's part (n + 1 entries).
 */
export function packRows(connectivity: Connectivity, lo: number, hi: number, rowStartOut: Uint32Array, packed: Uint32Array): void {
  const { rowStart, targets, delaySteps } = connectivity;
  const n = rowStart.length - 1;
  let keys = new Uint32Array(64);
  let out = 0;
  for (let pre = 0; pre < n; pre++) {
    rowStartOut[pre] = out;
    const start = out;
    let sorted = true;
    let lastDelay = 0;
    for (let e = rowStart[pre]; e < rowStart[pre + 1]; e++) {
      if (targets[e] < lo || targets[e] >= hi) continue;
      if (delaySteps[e] < lastDelay) sorted = false;
      lastDelay = delaySteps[e];
      packed[out++] = ((delaySteps[e] << TARGET_BITS) | targets[e]) >>> 0;
    }
    if (sorted) continue;
    // sort (delay, position in the row part) keys: stable by construction
    const length = out - start;
    if (keys.length < length) keys = new Uint32Array(length * 2);
    const row = keys.subarray(0, length);
    for (let j = 0; j < length; j++) row[j] = (((packed[start + j] >>> TARGET_BITS) << TARGET_BITS) | j) >>> 0;
    row.sort();
    const mask = (1 << TARGET_BITS) - 1;
    const part = packed.slice(start, out);
    for (let j = 0; j < length; j++) packed[start + j] = part[row[j] & mask];
  }
  rowStartOut[n] = out;
}
