import type { FileHandle } from "node:fs/promises";
import { looksIncompressible } from "../deflate/compressibility.js";
import { crc32 } from "../deflate/crc32.js";
import type { Deflater } from "../deflate/pool.js";
import { FINAL_EMPTY_BLOCK } from "../deflate/raw-deflate.js";
import { ArtifactError, fileGrewError, UnreadableFileError } from "../errors.js";
import { openRegularFile } from "../fs/regular-file.js";
import type { Budget } from "./budget.js";
import { Notifier } from "./budget.js";
import type { BufferPool } from "./buffer-pool.js";
import { METHOD_DEFLATE, METHOD_STORE } from "./format.js";

/** Files up to this size are read and deflated whole (in batches); larger ones are cut into blocks this size. */
export const BLOCK_BYTES = 1024 * 1024;
const WINDOW = 32 * 1024;
// Budget per block in flight: its input buffer and its output buffer.
const BLOCK_COST = 2 * BLOCK_BYTES;
// Blocks of the file being written that may be in flight at once.
const HEAD_BLOCKS = 2;

/** Room for deflate's worst case: zlib's deflateBound for raw streams, the sync-flush marker, and a margin. */
export const deflateBound = (n: number) => n + (n >> 12) + (n >> 14) + (n >> 25) + 1024;

/** Bytes to write and what to do once they are written (give pooled buffers back). */
export interface Piece {
  data: Buffer;
  done: () => void;
}

interface Output {
  piece: Promise<Piece>;
  raw: number;
}

/** The two pools of block buffers: raw input and deflated output. */
export interface Pools {
  input: BufferPool;
  output: BufferPool;
}

const noop = () => {};

/**
 * Reads and compresses one big file ahead of the writer, block by block, keeping its output until the writer
 * takes it. Each block is primed with the previous 32 KiB as dictionary and ends with a sync flush, so the blocks
 * concatenate into one deflate stream (as pigz does) and deflate in parallel.
 */
export class BlockJob {
  readonly kind = "block";
  method: number | undefined;
  crc = 0;
  size = 0;
  done = false;
  error: Error | undefined;
  head = false;
  private readonly outputs: Output[] = [];
  private cancelled = false;
  private readonly changed = new Notifier();

  constructor(
    readonly index: number,
    readonly abs: string,
    private readonly listedSize: number,
    private readonly level: number,
    private readonly deflater: Deflater,
    private readonly budget: Budget,
    private readonly pools: Pools,
  ) {}

  /** Starts reading; failures surface through ready() and take(). */
  start(): void {
    this.runBlocks().then(
      () => {
        this.done = true;
        this.changed.notify();
      },
      (error: unknown) => {
        this.error = error instanceof ArtifactError ? error : new UnreadableFileError(this.abs, error);
        this.changed.notify();
      },
    );
  }

  /** Stops reading at the next block. */
  cancel(): void {
    this.cancelled = true;
    this.changed.notify();
    this.budget.poke();
  }

  /** Marks this job as the one the writer waits on: it may then read past the shared budget. */
  makeHead(): void {
    this.head = true;
    this.budget.poke();
  }

  /** Resolves once the method is known (the first block is read). */
  async ready(): Promise<void> {
    while (this.error === undefined && !this.done && this.method === undefined) {
      await this.changed.wait();
    }
    if (this.error !== undefined) {
      throw this.error;
    }
  }

  /** The next compressed piece in order, or null at the end. */
  async take(): Promise<Piece | null> {
    for (;;) {
      if (this.error !== undefined) {
        throw this.error;
      }
      const next = this.outputs.shift();
      if (next !== undefined) {
        this.changed.notify();
        try {
          return await next.piece;
        } finally {
          this.budget.release(next.raw);
        }
      }
      if (this.done) {
        return null;
      }
      await this.changed.wait();
    }
  }

  private push(piece: Promise<Piece>, raw: number): void {
    // Rejections surface through take(); this keeps a piece nobody awaits yet from counting as unhandled.
    piece.catch(noop);
    this.outputs.push({ piece, raw });
    this.changed.notify();
  }

  // Reads into a pooled buffer until it is full or the file ends.
  private async readInto(handle: FileHandle, view: Buffer, position: number): Promise<number> {
    let filled = 0;
    while (filled < view.length) {
      const { bytesRead } = await handle.read(view, filled, view.length - filled, position + filled);
      if (bytesRead === 0) {
        break;
      }
      filled += bytesRead;
    }
    return filled;
  }

  // Each block buffer holds the previous 32 KiB (the deflate dictionary) and then up to BLOCK_BYTES - WINDOW new bytes.
  private async runBlocks(): Promise<void> {
    const { input: inputPool, output: outputPool } = this.pools;
    const { handle } = await openRegularFile(this.abs);
    try {
      let first = true;
      // The last 32 KiB read so far, kept here because each block buffer moves to a worker once read.
      const tail = Buffer.allocUnsafe(WINDOW);
      let tailLength = 0;
      let position = 0;
      for (;;) {
        while (this.head && this.outputs.length >= HEAD_BLOCKS && !this.cancelled) {
          await this.changed.wait();
        }
        await this.budget.acquire(BLOCK_COST, () => this.head || this.cancelled);
        if (this.cancelled) {
          this.budget.release(BLOCK_COST);
          return;
        }
        const input = inputPool.take(BLOCK_BYTES);
        const view = Buffer.from(input);
        const dictionaryLength = tailLength;
        tail.copy(view, 0, 0, tailLength);
        let bytesRead: number;
        try {
          bytesRead = await this.readInto(
            handle,
            view.subarray(dictionaryLength, BLOCK_BYTES - WINDOW + dictionaryLength),
            position,
          );
          if (position + bytesRead > this.listedSize) {
            throw fileGrewError(this.abs);
          }
        } catch (error) {
          inputPool.give(input);
          this.budget.release(BLOCK_COST);
          throw error;
        }
        position += bytesRead;
        const block = view.subarray(dictionaryLength, dictionaryLength + bytesRead);
        if (first) {
          first = false;
          this.method = this.level === 0 || looksIncompressible(block) ? METHOD_STORE : METHOD_DEFLATE;
          this.changed.notify();
        }
        if (bytesRead > 0) {
          this.crc = crc32(block, this.crc);
          this.size += bytesRead;
          if (this.method === METHOD_STORE) {
            this.push(Promise.resolve({ data: block, done: () => inputPool.give(input) }), BLOCK_COST);
          } else {
            tailLength = Math.min(WINDOW, dictionaryLength + bytesRead);
            view.copy(tail, 0, dictionaryLength + bytesRead - tailLength, dictionaryLength + bytesRead);
            const deflated = this.deflater.deflate({
              input,
              dictionaryLength,
              length: bytesRead,
              out: outputPool.take(deflateBound(bytesRead)),
              level: this.level,
            });
            this.push(
              deflated.then((r) => {
                inputPool.give(r.input);
                return { data: Buffer.from(r.out, 0, r.written), done: () => outputPool.give(r.out) };
              }),
              BLOCK_COST,
            );
          }
        } else {
          inputPool.give(input);
          this.budget.release(BLOCK_COST);
        }
        if (bytesRead < BLOCK_BYTES - WINDOW) {
          break;
        }
      }
      if (this.method === METHOD_DEFLATE) {
        this.push(Promise.resolve({ data: FINAL_EMPTY_BLOCK, done: noop }), 0);
      }
    } finally {
      await handle.close();
    }
  }
}
