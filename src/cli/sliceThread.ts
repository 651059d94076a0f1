/**
 * The Node helper thread (worker_threads) that steps one slice of a network next to the runner or
 * the bench: it only feeds its messages to the core's slice helper (src/core/kernel/sliceThreads.ts).
 * Bundled as dist-node/slice-thread.js.
 */
import { parentPort } from 'node:worker_threads';
import { createSliceHelper } from '../core/kernel/sliceThreads';
import type { SliceHelperMessage } from '../core/kernel/sliceThreads';

const helper = createSliceHelper();
parentPort!.on('message', (message: SliceHelperMessage) => helper.handle(message));
