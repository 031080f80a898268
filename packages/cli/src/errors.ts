/** Exit codes of `peak`. */
export const EXIT = {
  ok: 0,
  /** An API error, a failed build, a preflight problem, a network failure. */
  failure: 1,
  /** Bad flags, arguments or input files: nothing was sent. */
  usage: 2,
  /** No API key, or the service refused it (401/403). */
  credentials: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** Something the user typed or gave as input is wrong; exit 2. `hint` says how to fix it. */
export class UsageError extends Error {
  override readonly name: string = "UsageError";
  /** Show the command's usage line after the message. */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.showUsage = options.showUsage ?? false;
  }
}

/** A YAML input file cannot be rendered (unknown variable, bad include, template syntax); exit 2. */
export class TemplateError extends UsageError {
  override readonly name = "TemplateError";
}

/** The preflight found that the build will miss files; exit 1. */
export class PreflightError extends Error {
  override readonly name = "PreflightError";
}
