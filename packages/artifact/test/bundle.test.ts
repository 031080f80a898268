import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { readZip, tempTrees, unzipTest } from "./helpers.js";

const tree = tempTrees();
const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = existsSync(path.join(pkg, "dist/deflate-worker.cjs"));

// Zips 10 MiB of text (enough for the worker pool) and prints the summary and the warnings.
const PROGRAM = `
import fs from "node:fs";
import path from "node:path";
import { writeArtifact } from "@peak-images/artifact";

const [root, dest] = process.argv.slice(2);
fs.writeFileSync(path.join(root, "big.txt"), "a line of text that deflates well\\n".repeat(300000));
const warnings = [];
writeArtifact(root, dest, { maxBytes: 1 << 30, onWarning: (w) => warnings.push(w) }).then((summary) => {
  console.log(JSON.stringify({ summary, warnings }));
});
`;

// turbo builds before it tests, so dist/ exists in CI; the program is bundled against the built package.
describe.skipIf(!built)("bundled by esbuild (--bundle --platform=node --keep-names --minify)", () => {
  it.each([
    ["ESM", "dist/index.js"],
    ["CommonJS", "dist/index.cjs"],
  ])(
    "%s entry: runs, writes a zip unzip accepts, deflates on the main thread without the worker file and on workers with it",
    async (_kind, entry) => {
      const dir = await tree({});
      await writeFile(path.join(dir, "main.mjs"), PROGRAM);
      const bundle = path.join(dir, "out/app.js");
      await build({
        entryPoints: [path.join(dir, "main.mjs")],
        outfile: bundle,
        bundle: true,
        platform: "node",
        keepNames: true,
        minify: true,
        alias: { "@peak-images/artifact": path.join(pkg, entry) },
        logLevel: "silent",
      });
      const run = async () => {
        const root = await tree({ "a.txt": "a" });
        const dest = path.join(await tree({}), "a.zip");
        const child = spawnSync(process.execPath, [bundle, root, dest], { encoding: "utf8" });
        expect(child.stderr).toBe("");
        expect(unzipTest(dest).status).toBe(0);
        expect((await readZip(dest)).map((e) => e.name)).toEqual(["a.txt", "big.txt"]);
        return JSON.parse(child.stdout) as { summary: { files: number }; warnings: string[] };
      };
      const alone = await run();
      expect(alone.summary.files).toBe(2);
      expect(alone.warnings).toEqual([expect.stringContaining("deflate-worker.cjs was not found")]);
      copyFileSync(path.join(pkg, "dist/deflate-worker.cjs"), path.join(dir, "out/deflate-worker.cjs"));
      const withWorker = await run();
      expect(withWorker.warnings).toEqual([]);
    },
    60_000,
  );
});
