// One timed process of `pnpm bench:sdk`: createImage from a folder with the built SDK, as a user's script would.
// Usage: node scripts/bench-sdk-upload.mjs <service-root> <api-key> <folder> <image-name>
import { getClient } from "../packages/sdk/dist/index.js";

const [baseUrl, apiKey, path, name] = process.argv.slice(2);
const client = getClient({ baseUrl, apiKey, timeout: 600_000 });
const created = await client.createImage(
  { name, type: "workflow", buildDetails: { source: "upload" } },
  { artifact: { path }, maxArtifactBytes: 2 * 1024 * 1024 * 1024 },
);
console.log(JSON.stringify(created));
process.exit(0);
