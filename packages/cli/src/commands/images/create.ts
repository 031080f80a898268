import type { CreateImageBody } from "@peak-images/sdk";
import type { RunContext } from "../../context.js";
import { openClient } from "../../session.js";
import { preflight, readWriteInput, sendWrite } from "./_write.js";

/** `peak images create [FILE]`: creates an image and its first version, and starts the build. */
export async function run(ctx: RunContext): Promise<number> {
  const input = await readWriteInput(ctx, "create_image");
  if (!input) {
    return 0;
  }
  await preflight(ctx, input);
  const client = await openClient(ctx);
  return sendWrite(ctx, client, input, (options) => client.createImage(input.body as CreateImageBody, options));
}
