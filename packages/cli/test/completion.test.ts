import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allOptions, COMMANDS } from "../src/commands.js";
import { VERSION } from "../src/version.js";
import { PACKAGE_DIR, runPeak } from "./helpers.js";

describe("peak completion", () => {
  it.each(["bash", "zsh", "fish"])("%s: names every command and every flag", async (shell) => {
    const run = await runPeak(["completion", shell]);
    expect(run.code).toBe(0);
    for (const spec of COMMANDS) {
      expect(run.stdout).toContain(spec.path.at(-1));
      for (const option of allOptions(spec)) {
        expect(run.stdout, `${spec.path.join(" ")} --${option.name}`).toMatch(
          shell === "fish" ? new RegExp(`-l ${option.name}\\b`) : new RegExp(`--${option.name}\\b`),
        );
      }
    }
  });

  it("the bash script parses and completes commands, flags and choices", async () => {
    const run = await runPeak(["completion", "bash"]);
    const dir = mkdtempSync(path.join(tmpdir(), "peak-completion-"));
    try {
      const script = path.join(dir, "peak.bash");
      writeFileSync(script, run.stdout);
      execFileSync("bash", ["-n", script]);
      const complete = (line: string) =>
        execFileSync(
          "bash",
          [
            "-c",
            `source ${script}; COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _peak; printf '%s\\n' "\${COMPREPLY[@]}"`,
          ],
          { encoding: "utf8" },
        ).trim();
      expect(complete("peak images create-")).toBe("create-version\ncreate-or-update");
      expect(complete("peak images list --last")).toBe("--last-build-status");
      expect(complete("peak images list -o t")).toBe("table");
      expect(complete("peak images describe 1 -o ''").split("\n")).toEqual(["json", "yaml"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an unknown shell is a usage error", async () => {
    const run = await runPeak(["completion", "powershell"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('peak: SHELL must be one of bash, zsh, fish, got "powershell"\n');
  });
});

it("VERSION matches package.json", () => {
  const pkg = JSON.parse(execFileSync("cat", [path.join(PACKAGE_DIR, "package.json")], { encoding: "utf8" }));
  expect(VERSION).toBe(pkg.version);
});
