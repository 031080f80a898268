import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

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
      console.log(JSON.stringify({ r, files, error: new m.ArtifactTooLargeError(1).name }));
      fs.rmSync(root, { recursive: true }); fs.rmSync(dest);
    });`;

  it("works under require() (CommonJS build)", () => {
    const out = spawnSync(
      process.execPath,
      ["-e", script(`const m = require(${JSON.stringify(path.join(pkg, "dist/index.cjs"))});`)],
      {
        encoding: "utf8",
      },
    );
    expect(out.stderr).toBe("");
    expect(JSON.parse(out.stdout)).toEqual({
      r: { files: 1, bytes: expect.any(Number) },
      files: ["src/a.txt"],
      error: "ArtifactTooLargeError",
    });
  });

  it("works under import() (ESM build)", () => {
    const load = `import(${JSON.stringify(path.join(pkg, "dist/index.js"))}).then((m) => {`;
    const body = script("").replace(/m\.writeArtifact/, "m.writeArtifact");
    const out = spawnSync(process.execPath, ["-e", `${load}${body}});`], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(JSON.parse(out.stdout).files).toEqual(["src/a.txt"]);
  });
});
