import yauzl from "yauzl";
import { formatBytes, maxEntryNameLength, maxZipEntries, maxZipFolders } from "./limits.js";

/** What a build needs to know of an uploaded zip: its files and folders, and the folder tree for globs. */
export interface ArtifactIndex {
  /** File entries, `/`-separated, without a leading `./`. */
  files: ReadonlySet<string>;
  /** Directory entries and every parent folder of a file, without the trailing slash. */
  dirs: ReadonlySet<string>;
  /** The names directly inside each folder (`""` is the root). */
  children: ReadonlyMap<string, readonly string[]>;
  /** Size of the zip in bytes. */
  size: number;
}

/** An uploaded zip, opened once: its index, and its files readable without reading the zip's directory again. */
export interface StoredArtifact {
  index: ArtifactIndex;
  /** Inflates one file as UTF-8, refusing more than `maxBytes`; undefined when the zip has no such file. */
  readText(name: string, maxBytes: number, what: string): Promise<string | undefined>;
}

/** Why an upload cannot be used: not a readable zip, or past one of the emulator's limits (a 400 on the artifact). */
export class ArtifactError extends Error {
  override name = "ArtifactError";
}

function normalise(name: string): string {
  return name.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

class IndexBuilder {
  readonly files = new Set<string>();
  readonly dirs = new Set<string>();
  readonly children = new Map<string, string[]>();

  addFile(path: string): void {
    if (!this.files.has(path)) {
      this.files.add(path);
      this.addDir(this.listInParent(path));
    }
  }

  /** Adds a folder and its parents, climbing only until a known one: each folder is added (and hashed) once. */
  addDir(path: string): void {
    let at = path;
    while (at !== "" && !this.dirs.has(at)) {
      if (this.dirs.size >= maxZipFolders) {
        throw new ArtifactError(`holds more than ${maxZipFolders.toLocaleString("en-US")} folders`);
      }
      this.dirs.add(at);
      at = this.listInParent(at);
    }
  }

  /** Lists a path's last segment in its parent folder; returns the parent. */
  private listInParent(path: string): string {
    const slash = path.lastIndexOf("/");
    const parent = slash === -1 ? "" : path.slice(0, slash);
    const name = path.slice(slash + 1);
    const list = this.children.get(parent);
    if (list === undefined) {
      this.children.set(parent, [name]);
    } else {
      list.push(name);
    }
    return parent;
  }
}

/**
 * Opens a zip held in memory and indexes it in one pass over its central directory (yauzl reads one entry at a
 * time, so a large zip never holds up the event loop). Nothing is inflated here.
 */
export async function openArtifact(data: Buffer): Promise<StoredArtifact> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true });
  } catch (error) {
    throw new ArtifactError(`is not a readable zip archive (${messageOf(error)})`);
  }
  // yauzl reports later problems as events: keep a listener for the zip's whole life.
  zip.on("error", () => undefined);
  if (zip.entryCount > maxZipEntries) {
    throw new ArtifactError(
      `holds ${zip.entryCount.toLocaleString("en-US")} entries, more than ${maxZipEntries.toLocaleString("en-US")}`,
    );
  }
  const builder = new IndexBuilder();
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.removeAllListeners("entry");
      reject(
        error instanceof ArtifactError
          ? error
          : new ArtifactError(`is not a readable zip archive (${messageOf(error)})`),
      );
    };
    zip.on("entry", (entry: yauzl.Entry) => {
      try {
        if (entry.fileName.length > maxEntryNameLength) {
          throw new ArtifactError(`has an entry name longer than ${maxEntryNameLength} characters`);
        }
        const name = normalise(entry.fileName);
        if (name.endsWith("/")) {
          builder.addDir(name.slice(0, -1));
        } else if (name !== "") {
          builder.addFile(name);
          entries.set(name, entry);
        }
      } catch (error) {
        fail(error);
        return;
      }
      zip.readEntry();
    });
    zip.once("end", () => resolve());
    zip.once("error", fail);
    zip.readEntry();
  });
  return {
    index: { files: builder.files, dirs: builder.dirs, children: builder.children, size: data.length },
    readText: (name, maxBytes, what) => {
      const entry = entries.get(name);
      return entry === undefined ? Promise.resolve(undefined) : inflateText(zip, entry, maxBytes, what);
    },
  };
}

/** Inflates one entry, counting bytes as they come: neither the declared size nor the data may pass `maxBytes`. */
function inflateText(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number, what: string): Promise<string> {
  const tooLarge = () =>
    new ArtifactError(`${what} ${entry.fileName} is larger than ${formatBytes(maxBytes)} (the emulator's limit)`);
  if (entry.uncompressedSize > maxBytes) {
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error !== null) {
        reject(new ArtifactError(`is not a readable zip archive (${error.message})`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const settle = (outcome: Error | string) => {
        if (!settled) {
          settled = true;
          if (typeof outcome === "string") {
            resolve(outcome);
          } else {
            reject(outcome);
          }
        }
      };
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          // yauzl also stops an entry that inflates past its declared size; this holds whatever it declares.
          settle(tooLarge());
          stream.destroy();
          return;
        }
        chunks.push(chunk);
      });
      stream.on("end", () => settle(Buffer.concat(chunks, size).toString("utf8")));
      stream.on("error", (e: Error) => settle(new ArtifactError(`is not a readable zip archive (${e.message})`)));
    });
  });
}
