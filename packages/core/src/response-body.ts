import { excerpt, InvalidResponseError } from "./errors.js";

/** A response read whole inside its attempt: status, headers and the body bytes (null for bodiless statuses). */
export interface Answer {
  status: number;
  statusText: string;
  ok: boolean;
  headers: Headers;
  bytes: Uint8Array | null;
}

/** Default cap on a response body: far above any page of this API, far below what would exhaust memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Reads the body inside the attempt, so that the timeout covers it and a connection dropped mid-body is a
 * (retryable) connection failure rather than a JSON error later. The read stops at `maxBytes`: a runaway answer
 * fails typed instead of exhausting memory.
 */
export async function readAnswer(response: Response, maxBytes: number, method: string, url: string): Promise<Answer> {
  const bytes = NULL_BODY_STATUSES.has(response.status) ? null : await readCapped(response, maxBytes, method, url);
  const headers = new Headers(response.headers);
  // The bytes are already decoded: the original encoding and framing no longer describe them.
  headers.delete("content-encoding");
  headers.delete("transfer-encoding");
  if (bytes !== null) {
    headers.set("content-length", String(bytes.byteLength));
  }
  return { status: response.status, statusText: response.statusText, ok: response.ok, headers, bytes };
}

async function readCapped(response: Response, maxBytes: number, method: string, url: string): Promise<Uint8Array> {
  if (!response.body) {
    return new Uint8Array(0);
  }
  const tooLarge = () =>
    new InvalidResponseError({
      status: response.status,
      body: undefined,
      headers: response.headers,
      method,
      url,
      message: `${method} ${url} answered ${response.status} with a body over ${maxBytes} bytes (maxResponseBytes); it was not read`,
    });
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (declared >= 0 && response.headers.get("content-encoding") === null) {
    // A declared, uncompressed length within the cap bounds the read (fetch fails a body longer than it says):
    // fetch's own whole-body read is the fastest way to take it.
    return new Uint8Array(await response.arrayBuffer());
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return chunks.length === 1 && chunks[0] ? chunks[0] : concat(chunks, total);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A response whose JSON body was parsed once here; openapi-fetch's `json()` gets that value instead of re-parsing. */
class ParsedResponse extends Response {
  readonly #parsed: unknown;

  constructor(answer: Answer, parsed: unknown) {
    super(answer.bytes as Uint8Array<ArrayBuffer> | null, {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
    this.#parsed = parsed;
  }

  override json(): Promise<unknown> {
    return Promise.resolve(this.#parsed);
  }
}

/**
 * Every 2xx answer of this API carries JSON: an empty body, or one that is not JSON (an HTML page from a proxy),
 * is an InvalidResponseError with the status, URL and request id rather than a raw SyntaxError or `data: undefined`.
 */
export function jsonResponse(answer: Answer, method: string, url: string): Response {
  if (answer.bytes === null) {
    return new Response(null, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  }
  const text = new TextDecoder().decode(answer.bytes);
  const invalid = (what: string) =>
    new InvalidResponseError({
      status: answer.status,
      body: text === "" ? undefined : excerpt(text),
      headers: answer.headers,
      method,
      url,
      message: `${method} ${url} answered ${answer.status} with ${what}`,
    });
  if (text.trim() === "") {
    throw invalid("an empty body where JSON was expected");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid(`a body that is not JSON: "${excerpt(text)}"`);
  }
  return new ParsedResponse(answer, parsed);
}

/** The body of an error answer: parsed JSON, else the text, else undefined when empty. */
export function errorBody(answer: Answer): unknown {
  const text = answer.bytes === null ? "" : new TextDecoder().decode(answer.bytes);
  if (text.trim() === "") {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
