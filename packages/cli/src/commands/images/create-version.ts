import type { CreateVersionBody } from "@peak-images/sdk";
import type { RunContext } from "../../context.js";
import { openClient } from "../../session.js";
import { preflight, readWriteInput, sendWrite } from "./_write.js";

/** `peak images create-version IMAGE_ID [FILE]`: creates a version of an image and starts its build. */
export async function run(ctx: RunContext): Promise<number> {
  const input = await readWriteInput(ctx, "create_image_version");
  if (!input) {
    return 0;
  }
  const imageId = ctx.positionals.IMAGE_ID as number;
  await preflight(ctx, input);
  const client = await openClient(ctx);
  return sendWrite(
    ctx,
    client,
    input,
    (options) => client.createVersion(imageId, input.body as CreateVersionBody, options),
    () => imageId,
  );
}
