import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readZip, unzipTest } from "./helpers.js";

// The zips the child processes wrote must open with independent readers and hold the file byte for byte.
async function expectValidZip(dest: string): Promise<void> {
  try {
    expect(unzipTest(dest).status).toBe(0);
    const entries = await readZip(dest);
    expect(entries.map((e) => e.name)).toEqual(["src/", "src/a.txt"]);
    expect(entries[1]!.data.toString()).toBe("hello\n".repeat(1000));
  } finally {
    rmSync(dest, { force: true });
  }
}

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = existsSync(path.join(pkg, "dist/index.cjs"));

// turbo runs `build` before `test`, so dist/ exists in CI; without it this checks nothing and is skipped.
describe.skipIf(!built)("built package", () => {
  const script = (load: string) => `
    ${load}
    const fs = require("node:fs"), os = require("node:os"), path = require("node:path");
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "peak-artifact-pkg-"));
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src", "a.txt"), "hello\\n".repeat(1000));
    const dest = path.join(root, "..", path.basename(root) + ".zip");
    m.writeArtifact(root, dest).then(async (r) => {
      const files = await m.listArtifactFiles(root);
      console.log(JSON.stringify({ r, files, error: new m.ArtifactTooLargeError(1).name, dest }));
      fs.rmSync(root, { recursive: true });
    });`;

  it("works under require() (CommonJS build)", async () => {
    const out = spawnSync(
      process.execPath,
      ["-e", script(`const m = require(${JSON.stringify(path.join(pkg, "dist/index.cjs"))});`)],
      {
        encoding: "utf8",
      },
    );
    expect(out.stderr).toBe("");
    const result = JSON.parse(out.stdout) as { dest: string };
    expect(result).toEqual({
      r: { files: 1, bytes: expect.any(Number) },
      files: ["src/a.txt"],
      error: "ArtifactTooLargeError",
      dest: expect.any(String),
    });
    await expectValidZip(result.dest);
  });

  it("works under import() (ESM build)", async () => {
    const load = `import(${JSON.stringify(path.join(pkg, "dist/index.js"))}).then((m) => {`;
    const body = script("");
    const out = spawnSync(process.execPath, ["-e", `${load}${body}});`], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    const result = JSON.parse(out.stdout) as { files: string[]; dest: string };
    expect(result.files).toEqual(["src/a.txt"]);
    await expectValidZip(result.dest);
  });
});
