import { execFileSync, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toPyYaml } from "../src/io/yaml-out.js";
import { BIN, type Emulator, EXAMPLES, emulatorEnv, fastEmulator, peakEnv, runPeak } from "./helpers.js";

// Output formats: the table on a terminal (a pseudo-terminal made by util-linux `script`) and on a pipe, colour
// rules, and YAML as PyYAML writes it (checked against /usr/bin/python3's yaml module).

let emulator: Emulator;
let env: Record<string, string>;
let imageId: number;

beforeAll(async () => {
  emulator = await fastEmulator({ seedImages: 3 });
  env = emulatorEnv(emulator);
  const created = await runPeak(
    ["images", "create", "image.yaml", "-v", "params.yaml", "-p", "image_name=table-image", "--wait"],
    { env, cwd: EXAMPLES },
  );
  imageId = (JSON.parse(created.stdout) as { imageId: number }).imageId;
});
afterAll(() => emulator.stop());

/** Runs peak under a pseudo-terminal (stdout and stderr are a TTY), returning what the terminal showed. */
function onTerminal(args: string[], extraEnv: Record<string, string> = {}, cwd?: string): Promise<string> {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      cwd,
      env: peakEnv({ ...env, TERM: "xterm", COLUMNS: "200", ...extraEnv }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", () => resolve(out.replace(/\r\n/g, "\n")));
  });
}

describe("table output", () => {
  it("on a terminal: title, aligned columns under a header, page caption", async () => {
    const screen = await onTerminal(["images", "list", "-o", "table", "--no-color"]);
    const lines = screen.trimEnd().split("\n");
    expect(lines[0]).toBe("Images (Total = 4)");
    expect(lines[1]).toMatch(
      /^ID +Image Name +Type +Scope +Latest Version ID +Latest Version +Latest Version Status +Latest Version Build Status +Tags$/,
    );
    const tagsColumn = lines[1]!.indexOf("Tags");
    const nameColumn = lines[1]!.indexOf("Image Name");
    for (const row of lines.slice(2, 6)) {
      expect(row.slice(0, nameColumn)).toMatch(/^\d+ +$/);
      expect(row.length).toBeGreaterThanOrEqual(tagsColumn);
    }
    expect(lines.slice(2, 6).some((row) => row.includes("table-image"))).toBe(true);
    expect(lines.at(-1)).toBe("Page 1 of 1");
  });

  it("on a terminal: colour unless NO_COLOR", async () => {
    expect(await onTerminal(["images", "describe", String(imageId)])).toContain("\x1b[");
    expect(await onTerminal(["images", "describe", String(imageId)], { NO_COLOR: "1" })).not.toContain("\x1b[");
    expect(await onTerminal(["images", "describe", String(imageId), "--no-color"])).not.toContain("\x1b[");
  });

  it("piped: tab-separated rows, no header, no colour; falsy cells as -", async () => {
    const run = await runPeak(["images", "list", "-o", "table", "--name", "table-image"], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^${imageId}\ttable-image\tworkflow\tcustom\t\\d+\t0\\.0\\.1\tready\tsuccess\t-\n$`),
    );
  });

  it("list-versions and list-builds tables use the Python CLI's columns", async () => {
    const versions = await onTerminal(["images", "list-versions", String(imageId), "-o", "table", "--no-color"]);
    expect(versions).toMatch(
      /^Image Versions \(Total = 1\)\nID +Version +Description +Status +Last Build Status +Build Details +Tags\n/,
    );
    expect(versions).toContain('{"source":"upload"');
    const builds = await runPeak(["images", "list-builds", String(imageId), "-o", "table"], { env });
    expect(builds.stdout).toMatch(/^\d+\t\d+\t0\.0\.1\tsuccess\t\d{4}-\d\d-\d\dT[^\t]+\t\d{4}-\d\d-\d\dT[^\t]+\n$/);
    const header = await onTerminal(["images", "list-builds", String(imageId), "-o", "table", "--no-color"]);
    expect(header).toMatch(/\nBuild ID +Version ID +Version +Build Status +Started At \(UTC\) +Finished At \(UTC\)\n/);
  });

  it("an empty page says so on a terminal and prints nothing when piped", async () => {
    expect(await onTerminal(["images", "list", "-o", "table", "--name", "nothing-matches", "--no-color"])).toBe(
      "Images (Total = 0)\nNo data to display.\n",
    );
    expect((await runPeak(["images", "list", "-o", "table", "--name", "nothing-matches"], { env })).stdout).toBe("");
  });

  it("piped JSON has no colour even with a TTY on stderr", async () => {
    const run = await runPeak(["images", "describe", String(imageId)], { env });
    expect(run.stdout).not.toContain("\x1b[");
    expect(JSON.parse(run.stdout)).toMatchObject({ id: imageId });
  });
});

describe("progress on a terminal", () => {
  it("zipping and uploading bars and the waiting spinner appear on a terminal, never when piped", async () => {
    const args = ["images", "create", "image.yaml", "-v", "params.yaml", "-p", "image_name=progress-image", "--wait"];
    const screen = await onTerminal(args, {}, EXAMPLES);
    expect(screen).toMatch(/uploading \[[█░]+\] 100% \| [\d.]+ (B|KiB)\/[\d.]+ (B|KiB) \| /);
    expect(screen).toContain("waiting for build");
    const piped = await runPeak(
      ["images", "create", "image.yaml", "-v", "params.yaml", "-p", "image_name=progress-piped", "--wait"],
      { env, cwd: EXAMPLES },
    );
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe("");
  });
});

describe("yaml output", () => {
  const python = (value: unknown) =>
    execFileSync(
      "/usr/bin/python3",
      ["-c", 'import json, sys, yaml; sys.stdout.write(yaml.dump(json.load(sys.stdin), indent=4, width=float("inf")))'],
      { input: JSON.stringify(value), encoding: "utf8" },
    );

  it.each([
    ["nested mappings and lists", { b: [{ x: 1, a: "s: t" }, { y: [1, 2] }], a: {}, h: [], c: { d: { e: true } } }],
    [
      "YAML 1.1 scalars that must be quoted",
      { yes: "yes", on: "on", n: "123", v: "0.0.1", t: "2023-06-01T18:00:00.000Z", e: "", dot: ".", hash: "#x" },
    ],
    ["numbers, booleans, null", { i: 3, f: 1.5, neg: -1, t: true, f2: false, z: null }],
    ["lists of lists and scalars", [[1, [2, 3]], "a", { k: [] }]],
  ])("%s: same text as PyYAML (no folding)", (_name, value) => {
    expect(toPyYaml(value)).toBe(python(value));
  });

  it("every API answer prints as PyYAML would", async () => {
    for (const args of [
      ["images", "list"],
      ["images", "describe", String(imageId)],
      ["images", "list-builds", String(imageId)],
    ]) {
      const asJson = await runPeak(args, { env });
      const asYaml = await runPeak([...args, "-o", "yaml"], { env });
      expect(asYaml.stdout).toBe(python(JSON.parse(asJson.stdout)));
    }
  });
});
