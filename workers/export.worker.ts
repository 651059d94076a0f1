/**
 * The export worker: started by the page for one hand-off download (src/client/exportRunner.ts) and
 * terminated after it, so h5wasm's memory and the rebuilt network go with it. A thin adapter of
 * src/export/handOffJobs.ts; the file's bytes leave transferred.
 */
import * as Comlink from 'comlink';
import { brian2Job, nestJob, nwbJob } from '../src/export/handOffJobs';
import type { JobProgress } from '../src/export/handOffJobs';
import type { NwbRun } from '../src/export/nwb/run';
import type { NetworkConfig } from '../src/core/params';

const done = (bytes: Uint8Array): Uint8Array => Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);

const api = {
  async nwb(run: NwbRun, progress?: JobProgress): Promise<Uint8Array> {
    return done(await nwbJob(run, progress));
  },
  async brian2(config: NetworkConfig, progress?: JobProgress): Promise<Uint8Array> {
    return done(await brian2Job(config, progress));
  },
  async nest(config: NetworkConfig, durationMs: number, progress?: JobProgress): Promise<Uint8Array> {
    return done(await nestJob(config, durationMs, progress));
  },
};

export type ExportWorkerApi = typeof api;

Comlink.expose(api, self as unknown as Comlink.Endpoint);
