/** Field name, file name and media type the service expects for the build context. */
export const ARTIFACT_FIELD = "artifact";
/** The file name the Python SDK always sends for the artifact part. */
export const ARTIFACT_FILENAME = "artifact.zip";
/** Media type of the artifact part. */
export const ARTIFACT_CONTENT_TYPE = "application/zip";

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
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
    const blob = isBlob(artifact) ? artifact : new Blob([artifact as BlobPart], { type: ARTIFACT_CONTENT_TYPE });
    const typed = blob.type === ARTIFACT_CONTENT_TYPE ? blob : new Blob([blob], { type: ARTIFACT_CONTENT_TYPE });
    form.append(ARTIFACT_FIELD, typed, ARTIFACT_FILENAME);
  }
  for (const [key, value] of entries) {
    if (key === ARTIFACT_FIELD || value === undefined || value === null) {
      continue;
    }
    form.append(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return form;
}
