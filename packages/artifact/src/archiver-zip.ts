import { createReadStream } from "node:fs";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import type { ZipPlan } from "./entry-table.js";
import { UnreadableFileError } from "./errors.js";
import type { ZipSettings } from "./zip-stream.js";

/**
 * The same entries through archiver, which writes zip64 records when a zip passes 4 GiB or 65,535 entries; the
 * fast writer does not, so only such artifacts take this slower, serial path. archiver 8 is ESM-only, hence
 * import(), which also keeps it off the CommonJS build's load path.
 */
export function archiverZip(plan: ZipPlan, settings: ZipSettings): Readable {
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  let filesDone = 0;
  let bytesDone = 0;
  const { entries } = plan;
  const { files: totalFiles, bytes: totalBytes } = entries.fileTotals();
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
    for (let i = 0; i < entries.length; i++) {
      const meta = { name: entries.entryName(i), date: new Date(entries.mtimeMs(i)), mode: entries.mode(i) & 0o7777 };
      if (entries.isDirectory(i)) {
        archive.append(Buffer.alloc(0), meta);
      } else {
        archive.append(lazyFile(path.join(plan.root, entries.names[i]!)), meta);
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
