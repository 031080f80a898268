/** Progress of a running zip: files and input bytes done, compressed bytes produced. */
export interface ZipProgress {
  /** Files written so far. */
  files: number;
  /** Files in the artifact. */
  totalFiles: number;
  /** Uncompressed bytes of the files written so far. */
  bytes: number;
  /** Uncompressed bytes of all files. */
  totalBytes: number;
  /** Zip bytes produced so far. */
  compressedBytes: number;
}

/** Settings of the writer. */
export interface ZipSettings {
  level: number;
  maxBytes: number;
  onProgress?: ((progress: ZipProgress) => void) | undefined;
  /** Receives non-fatal problems (deflate running on the main thread because the worker file is missing). */
  onWarning?: ((message: string) => void) | undefined;
  /** Writes zip64 records for every entry, whatever the sizes (tests use it to check them on small zips). */
  forceZip64?: boolean | undefined;
}
