/**
 * Raw deflate straight into a caller's buffer. The fast path writes through zlib's native handle
 * (`_handle.writeSync` and `_writeState`, Node internals with no public equivalent), so nothing is allocated per
 * call and one zlib state serves many files; `deflateRawSync` plus a copy is the fallback. The fast path is used
 * only when those internals exist and a probe round-trips through it, and never when the environment sets
 * `PEAK_ARTIFACT_ZLIB_FASTPATH=0` (CI runs the suite both ways).
 */
import zlib from "node:zlib";

type Handle = { writeSync: (...args: unknown[]) => void };
type Engine = zlib.DeflateRaw & { _handle?: Partial<Handle>; _writeState?: Uint32Array };

/** Deflates one input at a time into an output view. */
export interface RawDeflater {
  /**
   * Compresses `input` into `out` ending with `flush` (Z_FINISH or Z_SYNC_FLUSH); returns the bytes written, or
   * -1 when it does not fit in `out` with a byte to spare. The engine is ready for the next input afterwards.
   */
  deflateInto(input: Uint8Array, out: Uint8Array, flush: number): number;
  /** Frees the zlib state. */
  close(): void;
}

let probed: boolean | undefined;

/** Whether deflate writes through zlib's handle here: the internals exist, the probe passed, the switch allows it. */
export function zlibFastPath(): boolean {
  if (probed === undefined) {
    probed = process.env.PEAK_ARTIFACT_ZLIB_FASTPATH !== "0" && probe();
  }
  return probed;
}

function probe(): boolean {
  try {
    const sample = Buffer.from("peak artifact zlib probe ".repeat(40));
    const out = new Uint8Array(sample.length * 2);
    const engine = fastEngine(6, undefined);
    if (engine === undefined) {
      return false;
    }
    const written = engine.deflateInto(sample, out, zlib.constants.Z_FINISH);
    engine.close();
    return written > 0 && zlib.inflateRawSync(out.subarray(0, written)).equals(sample);
  } catch {
    return false;
  }
}

function fastEngine(level: number, dictionary: Uint8Array | undefined): RawDeflater | undefined {
  const options: zlib.ZlibOptions = { level, chunkSize: 64 };
  if (dictionary !== undefined && dictionary.length > 0) {
    options.dictionary = dictionary;
  }
  const stream = zlib.createDeflateRaw(options) as Engine;
  const handle = stream._handle;
  const state = stream._writeState;
  if (typeof handle?.writeSync !== "function" || !(state instanceof Uint32Array)) {
    stream.close();
    return undefined;
  }
  const write = handle.writeSync.bind(handle);
  return {
    deflateInto(input, out, flush) {
      write(flush, input, 0, input.length, out, 0, out.length);
      const availOut = state[0]!;
      const availIn = state[1]!;
      // Reset restores the level and the dictionary, ready for the next input.
      stream.reset();
      return availIn === 0 && availOut > 0 ? out.length - availOut : -1;
    },
    close: () => stream.close(),
  };
}

function slowEngine(level: number, dictionary: Uint8Array | undefined): RawDeflater {
  const options: zlib.ZlibOptions = { level };
  if (dictionary !== undefined && dictionary.length > 0) {
    options.dictionary = dictionary;
  }
  return {
    deflateInto(input, out, flush) {
      const packed = zlib.deflateRawSync(input, { ...options, finishFlush: flush });
      if (packed.length >= out.length) {
        return -1;
      }
      out.set(packed);
      return packed.length;
    },
    close: () => {},
  };
}

/** A raw deflater at `level`, primed with `dictionary`: the fast path when {@link zlibFastPath}, else the fallback. */
export function createRawDeflater(level: number, dictionary?: Uint8Array): RawDeflater {
  return (zlibFastPath() ? fastEngine(level, dictionary) : undefined) ?? slowEngine(level, dictionary);
}
