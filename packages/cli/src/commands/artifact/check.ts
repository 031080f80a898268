import { list, type RunContext, str } from "../../context.js";
import { printResult } from "../../io/output.js";

/** `peak artifact check PATH`: the Dockerfile preflight; exit 1 when the build would miss a file. */
export async function run(ctx: RunContext): Promise<number> {
  const { checkArtifact } = await import("@peak-images/artifact");
  const root = ctx.positionals.PATH as string;
  const ignoreFiles = list<string>(ctx.flags, "ignore-file");
  const dockerfilePath = str(ctx.flags, "dockerfile-path");
  const context = str(ctx.flags, "context");
  const report = await checkArtifact(root, {
    ...(ignoreFiles ? { ignoreFiles } : {}),
    ...(dockerfilePath ? { dockerfilePath } : {}),
    ...(context ? { context } : {}),
  });
  if (ctx.outputGiven) {
    await printResult(ctx, report);
  } else {
    const { reportText } = await import("./_report.js");
    ctx.io.stdout.write(reportText(root, report));
  }
  if (!report.ok) {
    ctx.io.stderr.write(
      `peak: preflight found ${report.issues.length} problem${report.issues.length === 1 ? "" : "s"}: the build would fail\n`,
    );
  }
  return report.ok ? 0 : 1;
}
