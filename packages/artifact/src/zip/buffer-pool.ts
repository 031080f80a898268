const MIN_CLASS = 4 * 1024;

/**
 * ArrayBuffers in power-of-two size classes, handed out again once their bytes are written. Node frees dead
 * buffers only when V8 gets round to a GC (it tolerates ~64 MB of external garbage first), so recycling is what
 * keeps RSS flat while gigabytes stream through.
 */
export class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private kept = 0;

  constructor(private readonly keepBytes: number) {}

  /** The size class that holds `size` bytes. */
  static classFor(size: number): number {
    let c = MIN_CLASS;
    while (c < size) {
      c *= 2;
    }
    return c;
  }

  /** A buffer of at least `size` bytes (exactly its size class), reused when one is free. */
  take(size: number): ArrayBuffer {
    const c = BufferPool.classFor(size);
    const reused = this.free.get(c)?.pop();
    if (reused === undefined) {
      return new ArrayBuffer(c);
    }
    this.kept -= c;
    return reused;
  }

  /** Returns a buffer for reuse; detached buffers (byteLength 0) and any beyond the pool's byte cap are dropped. */
  give(buffer: ArrayBuffer): void {
    const c = buffer.byteLength;
    if (c < MIN_CLASS || (c & (c - 1)) !== 0) {
      return;
    }
    let list = this.free.get(c);
    if (list === undefined) {
      list = [];
      this.free.set(c, list);
    }
    if (this.kept + c <= this.keepBytes) {
      list.push(buffer);
      this.kept += c;
    }
  }
}
