import { list, type RunContext } from "../../context.js";

/** `peak artifact ls PATH`: the files that would be uploaded, one per line (exactly listArtifactFiles). */
export async function run(ctx: RunContext): Promise<number> {
  const { listArtifactFiles } = await import("@peak-images/artifact");
  const ignoreFiles = list<string>(ctx.flags, "ignore-file");
  const files = await listArtifactFiles(ctx.positionals.PATH as string, {
    ...(ignoreFiles ? { ignoreFiles } : {}),
    onWarning: (message: string) => ctx.io.stderr.write(`peak: warning: ${message}\n`),
  });
  ctx.io.stdout.write(files.length > 0 ? `${files.join("\n")}\n` : "");
  return 0;
}
