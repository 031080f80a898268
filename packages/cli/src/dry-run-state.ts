/** A request as --dry-run shows it: secrets replaced by `***`. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  query?: Record<string, string | string[]>;
  /** Multipart fields (JSON-encoded ones shown parsed), or a JSON body. */
  body?: Record<string, unknown>;
}

/** What --dry-run collected while the command ran. */
export interface DryRunState {
  /** The first request that would change something (or the command's only request). */
  captured: CapturedRequest | undefined;
  /** Read-only calls sent to resolve names (create-or-update only). */
  resolvedWith: string[];
  /** The artifact folder, whose files are listed. */
  artifact?: { path: string; ignoreFiles?: string[] } | undefined;
}
