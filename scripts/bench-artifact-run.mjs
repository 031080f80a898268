// One timed process of the benchmark: zips ROOT to OUT with the built @peak-images/artifact, through writeArtifact,
// or with --stream through createArtifactStream piped to a file.
// It exits as soon as the zip is written, as a CLI would: left to itself, Node 20 spends another 30-40 ms on
// this machine finishing V8 background work before the process ends.
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createArtifactStream, writeArtifact } from "../packages/artifact/dist/index.js";

const [root, out, mode] = process.argv.slice(2);
const options = { maxBytes: Number.MAX_SAFE_INTEGER };
if (mode === "--stream") {
  await pipeline(createArtifactStream(root, options), createWriteStream(out));
} else {
  await writeArtifact(root, out, options);
}
process.exit(0);
