/** How the client words a worker's failure. */

/** A call that can never be answered: the worker died, was replaced or was terminated. */
export class SimWorkerDeadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimWorkerDeadError';
  }
}

/** The message of a worker's error event (an ErrorEvent in browsers; a bare Event elsewhere). */
export function errorEventMessage(event: Event): string {
  const { message, error } = event as Partial<ErrorEvent>;
  if (message) return message;
  if (error instanceof Error && error.message) return error.message;
  return 'it stopped with an error outside any call (did its script load?)';
}
