/**
 * Runs one hand-off export (NWB, Brian2, NEST) in a worker of its own, started for the job and
 * terminated after it (h5wasm's heap and the rebuilt network leave with it); one job at a time.
 * Progress arrives as text through a Comlink proxy; a worker that dies rejects the job.
 */
import * as Comlink from 'comlink';
import type { ExportWorkerApi } from '../../workers/export.worker';

export type ExportJob = (api: Comlink.Remote<ExportWorkerApi>, progress: ((stage: string) => void) & Comlink.ProxyMarked) => Promise<Uint8Array>;

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/export.worker.ts', import.meta.url), { type: 'module', name: 'mg-gate-export' });
}

export class ExportRunner {
  private busy = false;

  constructor(private readonly createWorker: () => Worker = defaultWorker) {}

  get running(): boolean {
    return this.busy;
  }

  async run(job: ExportJob, onProgress: (stage: string) => void): Promise<Uint8Array> {
    if (this.busy) throw new Error('An export is already running');
    this.busy = true;
    const worker = this.createWorker();
    const remote = Comlink.wrap<ExportWorkerApi>(worker);
    try {
      const died = new Promise<never>((_, reject) =>
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          reject(new Error(`the export worker failed${event.message ? `: ${event.message}` : ' (out of memory?)'}`));
        }),
      );
      return await Promise.race([job(remote, Comlink.proxy(onProgress)), died]);
    } finally {
      worker.terminate();
      this.busy = false;
    }
  }
}
