import { createReadStream } from "node:fs";
import { PassThrough, Readable } from "node:stream";
import { UnreadableFileError } from "./errors.js";
import type { ZipInput, ZipSettings } from "./zip-stream.js";

/**
 * The same entries through archiver, which writes zip64 records when a zip passes 4 GiB or 65,535 entries; the
 * fast writer does not, so only such artifacts take this slower, serial path. archiver 8 is ESM-only, hence
 * import(), which also keeps it off the CommonJS build's load path.
 */
export function archiverZip(list: readonly ZipInput[], settings: ZipSettings): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  let filesDone = 0;
  let bytesDone = 0;
  const totalFiles = list.filter((e) => e.kind === "file").length;
  const totalBytes = list.reduce((sum, e) => sum + (e.kind === "file" ? e.size : 0), 0);
  const run = async (): Promise<void> => {
    const { ZipArchive } = await import("archiver");
    const archive = new ZipArchive({ zlib: { level: settings.level } });
    const fail = (error: Error & { path?: string }) =>
      out.destroy(error.path === undefined ? error : new UnreadableFileError(error.path, error));
    archive.on("error", fail);
    archive.on("warning", fail);
    archive.on("entry", (data: { type?: string; stats?: { size?: number } | false }) => {
      if (data.type === "file") {
        filesDone++;
        bytesDone += data.stats ? (data.stats.size ?? 0) : 0;
        settings.onProgress?.({ files: filesDone, totalFiles, bytes: bytesDone, totalBytes, compressedBytes: 0 });
      }
    });
    out.on("close", () => archive.abort());
    archive.pipe(out);
    for (const entry of list) {
      if (entry.kind === "directory") {
        archive.append(Buffer.alloc(0), {
          name: `${entry.name}/`,
          date: new Date(entry.mtimeMs),
          mode: entry.mode & 0o7777,
        });
      } else {
        archive.append(lazyFile(entry.abs), {
          name: entry.name,
          date: new Date(entry.mtimeMs),
          mode: entry.mode & 0o7777,
        });
      }
    }
    await archive.finalize();
  };
  run().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

// Opens the file only when archiver starts reading it (so a huge list does not hold one descriptor per entry);
// append() keeps entries in the given order, where file() would reorder them by stat completion.
function lazyFile(abs: string): Readable {
  return Readable.from(
    (async function* () {
      try {
        for await (const chunk of createReadStream(abs, { highWaterMark: 1024 * 1024 })) {
          yield chunk as Buffer;
        }
      } catch (error) {
        throw new UnreadableFileError(abs, error);
      }
    })(),
    { objectMode: false },
  );
}
