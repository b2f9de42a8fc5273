/**
 * Group commit. Decisions must be durable before they are answered, but one transaction per decision caps
 * throughput at the store's commit rate. Requests arriving in the same event-loop turn (and while earlier
 * batches are committing) are written in one statement; each caller's promise settles only after that commit.
 */
export interface BatchWriterOptions {
  maxBatch: number;
  /** Batches committing at once (PGlite has one connection: 1; PostgreSQL: a few). */
  maxInFlight: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class BatchWriter<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly options: BatchWriterOptions,
  ) {}

  write(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything written so far is committed (or failed). */
  drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: every request parsed in this turn joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.flush(batch.map((p) => p.item))
        .then(
          (results) => batch.forEach((p, i) => p.resolve(results[i]!)),
          (err: unknown) => batch.forEach((p) => p.reject(err)),
        )
        .finally(() => {
          this.inFlight--;
          if (this.queue.length > 0) this.pump();
          else if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
        });
    }
  }
}
