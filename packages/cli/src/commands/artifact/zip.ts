import { list, num, type RunContext, str } from "../../context.js";
import { createProgress, formatBytes } from "../../io/progress.js";

/** `peak artifact zip PATH -o OUT`: writes the zip that would be uploaded. */
export async function run(ctx: RunContext): Promise<number> {
  const { writeArtifact } = await import("@peak-images/artifact");
  const ignoreFiles = list<string>(ctx.flags, "ignore-file");
  const maxBytes = num(ctx.flags, "max-bytes");
  const out = str(ctx.flags, "output")!;
  const progress = await createProgress(ctx);
  try {
    const summary = await writeArtifact(ctx.positionals.PATH as string, out, {
      ...(ignoreFiles ? { ignoreFiles } : {}),
      ...(maxBytes ? { maxBytes } : {}),
      onProgress: (done) => progress.zip(done),
      signal: ctx.signal,
      onWarning: (message: string) => ctx.io.stderr.write(`peak: warning: ${message}\n`),
    });
    progress.stop();
    ctx.io.stdout.write(`wrote ${out}: ${summary.files} files, ${formatBytes(summary.bytes)}\n`);
  } finally {
    progress.stop();
  }
  return 0;
}
