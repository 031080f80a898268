import yauzl from "yauzl";

/** What a build needs from an uploaded zip: its entry names, and a way to read one file. */
export interface ArtifactIndex {
  /** File entries, `/`-separated, without a leading `./`. */
  files: ReadonlySet<string>;
  /** Directory entries and every parent folder of a file, without the trailing slash. */
  dirs: ReadonlySet<string>;
  /** Size of the zip in bytes. */
  size: number;
}

/** Thrown when the upload is not a readable zip. */
export class InvalidZipError extends Error {
  override name = "InvalidZipError";
}

function normalise(name: string): string {
  return name.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
}

/** Lists the entries of a zip held in memory (yauzl reads the central directory; nothing is inflated). */
export async function indexZip(data: Buffer): Promise<ArtifactIndex> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, strictFileNames: false });
  } catch (error) {
    throw new InvalidZipError(error instanceof Error ? error.message : String(error));
  }
  const files = new Set<string>();
  const dirs = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      const name = normalise(entry.fileName);
      if (name.endsWith("/")) {
        dirs.add(name.slice(0, -1));
      } else if (name !== "") {
        files.add(name);
      }
      const parts = name.split("/");
      for (let i = 1; i < parts.length; i++) {
        dirs.add(parts.slice(0, i).join("/"));
      }
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", (error: unknown) =>
      reject(new InvalidZipError(error instanceof Error ? error.message : String(error))),
    );
    zip.readEntry();
  });
  dirs.delete("");
  return { files, dirs, size: data.length };
}

/** Reads one file of a zip held in memory as UTF-8, or undefined when there is no such entry. */
export async function readZipText(data: Buffer, wanted: string): Promise<string | undefined> {
  const zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, strictFileNames: false });
  return new Promise<string | undefined>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (normalise(entry.fileName) !== wanted) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error !== null) {
          reject(new InvalidZipError(error.message));
          return;
        }
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          zip.close();
          resolve(Buffer.concat(chunks).toString("utf8"));
        });
        stream.on("error", (e: Error) => reject(new InvalidZipError(e.message)));
      });
    });
    zip.on("end", () => resolve(undefined));
    zip.on("error", (error: unknown) =>
      reject(new InvalidZipError(error instanceof Error ? error.message : String(error))),
    );
    zip.readEntry();
  });
}
