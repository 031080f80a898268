import type { IncomingMessage } from "node:http";
import busboy from "busboy";

/** A parsed multipart body: text fields by name, and the file part (the build context, known to be under the limit). */
export interface MultipartBody {
  fields: Map<string, string>;
  file: Buffer | undefined;
}

/** Why a multipart body was refused: 400 (malformed) or 413 (artifact over the limit). */
export class MultipartError extends Error {
  override name = "MultipartError";
  constructor(
    readonly status: 400 | 413,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Limits of one multipart body. */
export interface MultipartLimits {
  maxFileBytes: number;
  fileFields: ReadonlySet<string>;
  /** Told each part's name as it arrives, so a refused upload still shows what was sent. */
  onPart?: (name: string) => void;
}

const maxFieldBytes = 1024 * 1024;
/** All text fields of one body together: a body of 50 fields of 1 MiB each is not held in memory. */
const maxTextBytes = 2 * 1024 * 1024;
const discard = (): void => {
  /* dropped */
};

/**
 * Streams a multipart body through busboy. The file size is counted chunk by chunk, and the promise rejects with a
 * 413 as soon as the limit is crossed, while the client is still sending: the caller answers at once and the rest
 * of the upload is discarded as it arrives, never buffered.
 */
export function parseMultipart(req: IncomingMessage, limits: MultipartLimits): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fieldSize: maxFieldBytes, fields: 50, files: 1, parts: 51 },
      });
    } catch (error) {
      reject(new MultipartError(400, "body", `body: ${error instanceof Error ? error.message : String(error)}`));
      req.resume();
      return;
    }
    const fields = new Map<string, string>();
    let file: Buffer | undefined;
    let textBytes = 0;
    let settled = false;
    let filePending = false;
    let parserDone = false;

    const fail = (error: MultipartError): void => {
      if (settled) {
        return;
      }
      settled = true;
      req.unpipe(parser);
      // Drop what still arrives: the answer goes out at once, and then the connection closes (see linger.ts).
      req.on("data", discard);
      req.resume();
      reject(error);
    };
    const finish = (): void => {
      if (!settled && parserDone && !filePending) {
        settled = true;
        resolve({ fields, file });
      }
    };

    parser.on("field", (name, value, info) => {
      limits.onPart?.(name);
      textBytes += value.length;
      if (info.valueTruncated) {
        fail(new MultipartError(400, `body.${name}`, `body.${name}: longer than ${maxFieldBytes} bytes`));
      } else if (textBytes > maxTextBytes) {
        fail(new MultipartError(400, "body", `body: text fields longer than ${maxTextBytes} bytes in all`));
      } else if (limits.fileFields.has(name)) {
        fail(new MultipartError(400, `body.${name}`, `body.${name}: must be a file part (with a filename)`));
      } else if (fields.has(name)) {
        fail(new MultipartError(400, `body.${name}`, `body.${name}: sent more than once`));
      } else {
        fields.set(name, value);
      }
    });
    parser.on("file", (name, stream) => {
      limits.onPart?.(name);
      // A body cut inside a file part errors its stream too ("Unexpected end of form"): the parser's own error
      // event answers it; unheard here, it would take the process down.
      stream.on("error", discard);
      if (!limits.fileFields.has(name)) {
        stream.resume();
        fail(new MultipartError(400, `body.${name}`, `body.${name}: unexpected file part`));
        return;
      }
      filePending = true;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        if (settled) {
          return;
        }
        size += chunk.length;
        if (size > limits.maxFileBytes) {
          chunks.length = 0;
          const mb = limits.maxFileBytes / (1024 * 1024);
          fail(new MultipartError(413, `body.${name}`, `Artifact exceeds the maximum size of ${mb} MB`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("end", () => {
        filePending = false;
        if (!settled) {
          file = Buffer.concat(chunks, size);
        }
        finish();
      });
    });
    parser.on("filesLimit", () => fail(new MultipartError(400, "body", "body: only one file part is accepted")));
    parser.on("fieldsLimit", () => fail(new MultipartError(400, "body", "body: too many fields")));
    parser.on("partsLimit", () => fail(new MultipartError(400, "body", "body: too many parts")));
    parser.on("error", (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      fail(new MultipartError(400, "body", `body: malformed multipart/form-data (${message})`));
    });
    parser.on("close", () => {
      parserDone = true;
      finish();
    });
    req.on("aborted", () => fail(new MultipartError(400, "body", "body: the upload was aborted")));
    req.on("error", () => fail(new MultipartError(400, "body", "body: the upload failed")));
    req.pipe(parser);
  });
}
