/**
 * Starting the Node helper thread and handing it a network (the lead's side of
 * src/core/kernel/sliceThreads.ts for the runner and the bench).
 */
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Network } from '../core/network';

/** Threads used when --threads is not given: two where the machine has two cores or more. */
export function defaultThreads(): 1 | 2 {
  return availableParallelism() >= 2 ? 2 : 1;
}

/**
 * Starts a helper thread from dist-node/slice-thread.js; `entryUrl` is import.meta.url of the
 * bundled entry (dist-node/*.js), beside which the helper is built. The thread does not keep the
 * process alive.
 */
export function startSliceThread(entryUrl: string): Worker {
  const worker = new Worker(join(dirname(fileURLToPath(entryUrl)), 'slice-thread.js'));
  worker.unref();
  return worker;
}

/**
 * Hands slice 1 of the network to the helper and waits (polling, up to timeoutMs) until it has
 * answered ('adaptive': batches run on two threads while that is faster; 'always': every batch); false if the network cannot be shared or the helper did not answer in time (the
 * network then steps on this thread alone, with the same spikes).
 */
export async function attachSliceThread(
  network: Network,
  worker: Worker,
  timeoutMs = 5000,
  policy: 'adaptive' | 'always' = 'adaptive',
): Promise<boolean> {
  if (!network.attachHelper(worker, policy)) return false;
  const deadline = Date.now() + timeoutMs;
  while (!network.helperReady) {
    if (Date.now() > deadline) {
      network.detachHelper();
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return true;
}
