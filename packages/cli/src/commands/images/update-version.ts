import type { UpdateVersionBody } from "@peak-images/sdk";
import { num, type RunContext } from "../../context.js";
import { openClient } from "../../session.js";
import { preflight, readWriteInput, sendWrite } from "./_write.js";

/** `peak images update-version --image-id --version-id [FILE]`: updates a not-ready version and rebuilds it. */
export async function run(ctx: RunContext): Promise<number> {
  const input = await readWriteInput(ctx, "update_version");
  if (!input) {
    return 0;
  }
  const imageId = num(ctx.flags, "image-id")!;
  const versionId = num(ctx.flags, "version-id")!;
  await preflight(ctx, input);
  const client = await openClient(ctx);
  return sendWrite(
    ctx,
    client,
    input,
    (options) => client.updateVersion(imageId, versionId, input.body as UpdateVersionBody, options),
    () => imageId,
  );
}
