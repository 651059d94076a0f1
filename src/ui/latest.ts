/**
 * Sends only the latest value, one call in flight: while a call runs, newer values replace each
 * other and the last one goes when it settles. Dragging the [Mg]o slider produces dozens of values a
 * second; the worker sees at most one pending change, and always ends on the final one.
 */
export class LatestOnly<T> {
  private inFlight = false;
  private pending: { value: T } | null = null;

  constructor(
    private readonly send: (value: T) => Promise<unknown>,
    private readonly onError: (error: unknown, value: T) => void = () => {},
  ) {}

  push(value: T): void {
    if (this.inFlight) {
      this.pending = { value };
      return;
    }
    this.start(value);
  }

  get busy(): boolean {
    return this.inFlight;
  }

  private start(value: T): void {
    this.inFlight = true;
    this.send(value)
      .catch((error: unknown) => this.onError(error, value))
      .finally(() => {
        this.inFlight = false;
        const next = this.pending;
        this.pending = null;
        if (next) this.start(next.value);
      });
  }
}
