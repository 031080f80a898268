import type { CreateOrUpdateBody } from "@peak-images/sdk";
import type { RunContext } from "../../context.js";
import { openClient } from "../../session.js";
import { preflight, readWriteInput, sendWrite } from "./_write.js";

/**
 * `peak images create-or-update [FILE]`: updates the exact name + version, else creates the version, else the
 * image. With --dry-run the lookups (GET only) are sent and listed; the write is not.
 */
export async function run(ctx: RunContext): Promise<number> {
  const input = await readWriteInput(ctx, "create_or_update_image");
  if (!input) {
    return 0;
  }
  await preflight(ctx, input);
  const client = await openClient(ctx, { allowReads: true });
  let imageId: number | undefined;
  return sendWrite(
    ctx,
    client,
    input,
    (options) =>
      client.createOrUpdateImageVersion(input.body as CreateOrUpdateBody, {
        ...options,
        onAction: (action) => {
          imageId = "imageId" in action ? action.imageId : undefined;
          ctx.io.stderr.write(`peak: create-or-update: ${describe(action)}\n`);
        },
      }),
    () => imageId,
  );
}

function describe(action: { action: string; imageId?: number; versionId?: number }): string {
  switch (action.action) {
    case "createImage":
      return "no image with this name: creating it";
    case "createVersion":
      return `image ${action.imageId} has no such version: creating it`;
    default:
      return `updating version ${action.versionId} of image ${action.imageId}`;
  }
}
