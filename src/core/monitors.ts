/**
 * Monitors record into preallocated typed arrays that grow by doubling only when a chunk brings
 * more than they have ever held, so a steady run allocates nothing per step. Like Brian2's
 * SpikeMonitor, spikes are two flat arrays: neuron ids and step indices.
 */

function grown<T extends Uint32Array<ArrayBuffer> | Float32Array<ArrayBuffer>>(a: T, need: number): T {
  let size = a.length;
  while (size < need) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** Recorded spikes handed out by drain(): fresh arrays, each on an ArrayBuffer of its own (transferable). */
export interface DrainedSpikes {
  ids: Uint32Array<ArrayBuffer>;
  steps: Uint32Array<ArrayBuffer>;
}

/** Recorded probe traces handed out by drain(): fresh arrays on ArrayBuffers of their own. */
export interface DrainedProbes {
  ids: Uint32Array<ArrayBuffer>;
  samples: Float32Array<ArrayBuffer>;
  count: number;
}

export class SpikeRecorder {
  ids: Uint32Array<ArrayBuffer> = new Uint32Array(4096);
  steps: Uint32Array<ArrayBuffer> = new Uint32Array(4096);
  count = 0;

  append(spikedIds: Uint32Array, spiked: number, step: number): void {
    if (this.count + spiked > this.ids.length) {
      this.ids = grown(this.ids, this.count + spiked);
      this.steps = grown(this.steps, this.count + spiked);
    }
    const { ids, steps } = this;
    let c = this.count;
    for (let k = 0; k < spiked; k++) {
      ids[c] = spikedIds[k];
      steps[c] = step;
      c++;
    }
    this.count = c;
  }

  /** Copies out the recorded spikes (to be transferred or kept) and empties the recorder. */
  drain(): DrainedSpikes {
    const out = { ids: this.ids.slice(0, this.count), steps: this.steps.slice(0, this.count) };
    this.count = 0;
    return out;
  }
}

/** Per-step traces of a few chosen neurons: V, NMDA current and Mg block, interleaved. */
export const PROBE_CHANNELS = 3; // vMV, iNmdaPA, block
export const MAX_PROBES = 16;

export class ProbeRecorder {
  ids: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  /** [sample · probes · 3 + probe · 3 + channel] */
  samples: Float32Array<ArrayBuffer> = new Float32Array(4096);
  count = 0;

  setIds(ids: ArrayLike<number>): void {
    this.ids = Uint32Array.from(ids);
    this.count = 0;
  }

  reserve(samples: number): void {
    const need = (this.count + samples) * this.ids.length * PROBE_CHANNELS;
    if (need > this.samples.length) this.samples = grown(this.samples, need);
  }

  drain(): DrainedProbes {
    const out = {
      ids: this.ids.slice(),
      samples: this.samples.slice(0, this.count * this.ids.length * PROBE_CHANNELS),
      count: this.count,
    };
    this.count = 0;
    return out;
  }
}
