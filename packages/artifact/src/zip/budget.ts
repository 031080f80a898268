/** Wakes everyone waiting, each time something changes. */
export class Notifier {
  private waiters: Array<() => void> = [];
  /** Resolves at the next notify(). */
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  /** Wakes every waiter. */
  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) {
      resolve();
    }
  }
}

/**
 * The read-ahead allowance shared by every job, in bytes of buffers. The job the writer waits on may always
 * proceed, so the writer never deadlocks on it.
 */
export class Budget {
  private used = 0;
  private readonly changed = new Notifier();
  constructor(private readonly limit: number) {}
  /** Takes `n` when it fits, nothing is taken, or `force` (the job the writer waits on); false otherwise. */
  tryAcquire(n: number, force = false): boolean {
    if (!force && this.used > 0 && this.used + n > this.limit) {
      return false;
    }
    this.used += n;
    return true;
  }
  /** Waits until `n` fits (or `mayProceed()`), then takes it. */
  async acquire(n: number, mayProceed: () => boolean): Promise<void> {
    while (this.used > 0 && this.used + n > this.limit && !mayProceed()) {
      await this.changed.wait();
    }
    this.used += n;
  }
  /** Gives `n` back. */
  release(n: number): void {
    this.used -= n;
    this.changed.notify();
  }
  /** Wakes waiters whose `mayProceed()` may have changed. */
  poke(): void {
    this.changed.notify();
  }
}
