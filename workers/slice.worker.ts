/**
 * The page's helper thread: started by the simulation worker (sim.worker.ts) where the page is
 * cross-origin isolated, it steps one slice of the network on the shared WebAssembly memory. It
 * only feeds its messages to the core's slice helper (src/core/kernel/sliceThreads.ts).
 */
import { createSliceHelper } from '../src/core/kernel/sliceThreads';
import type { SliceHelperMessage } from '../src/core/kernel/sliceThreads';

const helper = createSliceHelper();
self.onmessage = (event: MessageEvent<SliceHelperMessage>) => helper.handle(event.data);
