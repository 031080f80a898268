// One timed process of the benchmark: zips ROOT to OUT with the built @peak-images/artifact.
import { writeArtifact } from "../packages/artifact/dist/index.js";

const [root, out] = process.argv.slice(2);
await writeArtifact(root, out, { maxBytes: Number.MAX_SAFE_INTEGER });
