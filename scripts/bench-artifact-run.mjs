// One timed process of the benchmark: zips ROOT to OUT with the built @peak-images/artifact.
// It exits as soon as the zip is written, as a CLI would: left to itself, Node 20 spends another 30-40 ms on
// this machine finishing V8 background work before the process ends.
import { writeArtifact } from "../packages/artifact/dist/index.js";

const [root, out] = process.argv.slice(2);
await writeArtifact(root, out, { maxBytes: Number.MAX_SAFE_INTEGER });
process.exit(0);
