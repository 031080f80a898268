/** An epoch-milliseconds instant as the API writes timestamps (ISO 8601, UTC). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
