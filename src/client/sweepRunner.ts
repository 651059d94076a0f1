/**
 * A sweep in a worker of its own, so the live network keeps running meanwhile. Cancelling ends the
 * worker (robust whatever it is doing) and resolves with the rows finished so far, as the progress
 * reports brought them.
 */
import * as Comlink from 'comlink';
import type { SimWorkerApi } from '../../workers/sim.worker';
import type { SweepProgress, SweepRequest, SweepResult, SweepRow } from '../protocol/types';
import { errorEventMessage, SimWorkerDeadError } from './workerErrors';

export class SweepRunner {
  readonly result: Promise<SweepResult>;
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<SimWorkerApi>;
  private readonly rows: SweepRow[] = [];
  private settled = false;
  private resolve!: (result: SweepResult) => void;
  private reject!: (error: Error) => void;

  constructor(createWorker: () => Worker, request: SweepRequest, onProgress: (p: SweepProgress) => void) {
    this.result = new Promise<SweepResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.worker = createWorker();
    this.remote = Comlink.wrap<SimWorkerApi>(this.worker);
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail(new SimWorkerDeadError(`The sweep worker failed: ${errorEventMessage(event)}`));
    });
    const listener = (progress: SweepProgress): void => {
      if (this.settled) return; // a report overtaken by the result (they travel on different ports)
      if (progress.row) this.rows.push(progress.row);
      onProgress(progress);
    };
    this.remote.runSweep(request, Comlink.proxy(listener)).then(
      (result) => this.finish(result),
      (error: Error) => this.fail(error),
    );
  }

  get running(): boolean {
    return !this.settled;
  }

  cancel(): void {
    if (this.settled) return;
    // Asking first costs nothing and stops an emulated worker (one sharing this thread) too.
    this.remote.cancelSweep().catch(() => {});
    this.finish({ rows: this.rows.slice(), cancelled: true });
  }

  private finish(result: SweepResult): void {
    if (this.settled) return;
    this.settled = true;
    this.worker.terminate();
    this.resolve(result);
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.worker.terminate();
    this.reject(error);
  }
}
