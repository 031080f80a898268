/** Field name, file name and media type the service expects for the build context. */
export const ARTIFACT_FIELD = "artifact";
/** The file name the Python SDK always sends for the artifact part. */
export const ARTIFACT_FILENAME = "artifact.zip";
/** Media type of the artifact part. */
export const ARTIFACT_CONTENT_TYPE = "application/zip";

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
}

function isReadyFile(value: unknown): value is File {
  return (
    typeof File !== "undefined" &&
    value instanceof File &&
    value.name === ARTIFACT_FILENAME &&
    value.type === ARTIFACT_CONTENT_TYPE
  );
}

/**
 * The artifact part as `append` arguments. A File already named `artifact.zip` with the zip type goes in as it is
 * (FormData would copy it if given a file name, losing e.g. a subclass that counts the bytes read for progress).
 */
function artifactPart(artifact: unknown): [Blob, string | undefined] {
  if (isReadyFile(artifact)) {
    return [artifact, undefined];
  }
  const blob = isBlob(artifact) ? artifact : new Blob([artifact as BlobPart], { type: ARTIFACT_CONTENT_TYPE });
  return [
    blob.type === ARTIFACT_CONTENT_TYPE ? blob : new Blob([blob], { type: ARTIFACT_CONTENT_TYPE }),
    ARTIFACT_FILENAME,
  ];
}

/**
 * Builds the multipart form of a create/update call: one text part per top-level key (strings as-is, anything
 * else JSON text; null and undefined omitted) and the artifact as `artifact.zip`. A FormData passes through.
 */
export function toMultipartBody(body: unknown): FormData {
  if (body instanceof FormData) {
    return body;
  }
  const form = new FormData();
  if (body === null || typeof body !== "object") {
    return form;
  }
  const entries = Object.entries(body as Record<string, unknown>);
  // The artifact goes first, as the current Python SDK sends it.
  const artifact = entries.find(([key]) => key === ARTIFACT_FIELD)?.[1];
  if (artifact !== undefined && artifact !== null) {
    const [blob, fileName] = artifactPart(artifact);
    if (fileName === undefined) {
      form.append(ARTIFACT_FIELD, blob);
    } else {
      form.append(ARTIFACT_FIELD, blob, fileName);
    }
  }
  for (const [key, value] of entries) {
    if (key === ARTIFACT_FIELD || value === undefined || value === null) {
      continue;
    }
    form.append(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return form;
}
