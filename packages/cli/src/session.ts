import { ImageClient, Session } from "@peak-images/sdk";
import type { RunContext } from "./context.js";
import { str } from "./context.js";
import { VERSION } from "./version.js";

/**
 * The SDK client for a command: --stage and --base-url over STAGE and PEAK_BASE_URL, the key from PEAK_API_KEY or
 * API_KEY, a redacted HTTP trace on stderr with --debug, and with --dry-run a fetch that captures instead of
 * sending (`allowReads`: GET calls still go out, for create-or-update). A dry run needs no key unless it reads.
 */
export async function openClient(ctx: RunContext, options: { allowReads?: boolean } = {}): Promise<ImageClient> {
  const { stderr, env } = ctx.io;
  const logger = ctx.flags.debug
    ? {
        debug(message: string, details?: Record<string, unknown>) {
          stderr.write(`peak debug: ${message}${details ? ` ${JSON.stringify(details)}` : ""}\n`);
        },
      }
    : undefined;
  const sessionOptions: ConstructorParameters<typeof Session>[0] = {
    stage: str(ctx.flags, "stage"),
    baseUrl: str(ctx.flags, "base-url"),
    logger,
    userAgent: `@peak-images/cli/${VERSION}`,
  };
  if (!ctx.dryRun) {
    const { httpFetch } = await import("./http-fetch.js");
    sessionOptions.fetch = httpFetch;
  } else {
    const { dryRunFetch } = await import("./dry-run.js");
    const allowReads = options.allowReads === true;
    sessionOptions.fetch = dryRunFetch(ctx.dryRun, allowReads);
    sessionOptions.maxRetries = 0;
    const hasKey = [env.PEAK_API_KEY, env.API_KEY].some((key) => key !== undefined && key.trim() !== "");
    if (!hasKey && !allowReads) {
      // Shown as *** anyway; lets a dry run work before a key is set up.
      sessionOptions.apiKey = "dry-run";
    }
  }
  return new ImageClient(new Session(sessionOptions));
}
