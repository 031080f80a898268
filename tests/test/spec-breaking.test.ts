import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// scripts/spec-breaking.mjs on throwaway repositories: the spec as released (a tag), the spec as changed, and the
// pending changesets decide the outcome.
const root = join(import.meta.dirname, "..", "..");
const script = join(root, "scripts", "spec-breaking.mjs");
const SPEC = readFileSync(join(root, "spec", "openapi.yaml"), "utf8");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

const withoutVersionsList = (spec: string) =>
  spec.replace("  /images/{imageId}/versions:\n", "  /images/{imageId}/versionz:\n");
const redescribed = (spec: string) => spec.replace("description: What the image is for.", "description: Its use.");

/** A repository whose commits hold the given specs, each tagged as a release of the spec package. */
function repository(releases: Array<{ spec: string; version: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), "peak-spec-diff-"));
  dirs.push(dir);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args], {
      cwd: dir,
      stdio: "pipe",
    });
  git("init", "-q");
  mkdirSync(join(dir, "spec"));
  mkdirSync(join(dir, ".changeset"));
  writeFileSync(join(dir, ".changeset", "README.md"), "notes\n");
  writeFileSync(join(dir, "spec", "openapi.yaml"), SPEC);
  git("add", "-A");
  git("commit", "-qm", "start");
  for (const release of releases) {
    writeFileSync(join(dir, "spec", "openapi.yaml"), release.spec);
    git("commit", "-qam", release.version, "--allow-empty");
    git("tag", `@peak-images/spec@${release.version}`);
  }
  return dir;
}

function report(dir: string, spec: string, changesets: Record<string, string> = {}) {
  writeFileSync(join(dir, "spec", "openapi.yaml"), spec);
  for (const [name, text] of Object.entries(changesets)) {
    writeFileSync(join(dir, ".changeset", name), text);
  }
  const run = spawnSync(process.execPath, [script, "--root", dir], { encoding: "utf8" });
  return { code: run.status, out: run.stdout + run.stderr };
}

const bump = (level: string) => `---\n"@peak-images/spec": ${level}\n---\n\nA change.\n`;

interface Case {
  name: string;
  spec: string;
  changesets: Record<string, string>;
  code: number;
  says: string;
}

describe("the spec breaking-change report", () => {
  it("says there is nothing to compare before the first release tag", () => {
    const { code, out } = report(repository([]), withoutVersionsList(SPEC));
    expect(code).toBe(0);
    expect(out).toContain("no release tag yet (@peak-images/spec@<version>): nothing to compare");
  });

  it.each<Case>([
    { name: "an unchanged spec", spec: SPEC, changesets: {}, code: 0, says: "0 breaking" },
    { name: "a description changed", spec: redescribed(SPEC), changesets: {}, code: 0, says: "annotation" },
    {
      name: "operations removed, no changeset",
      spec: withoutVersionsList(SPEC),
      changesets: {},
      code: 1,
      says: "no pending changeset bumps @peak-images/spec with major",
    },
    {
      name: "operations removed, a minor changeset",
      spec: withoutVersionsList(SPEC),
      changesets: { "minor.md": bump("minor") },
      code: 1,
      says: "3 breaking",
    },
    {
      name: "operations removed, a major changeset",
      spec: withoutVersionsList(SPEC),
      changesets: { "breaking.md": bump("major") },
      code: 0,
      says: "declared by a major changeset: breaking.md",
    },
  ])("$name: exit $code", ({ spec, changesets, code, says }) => {
    const dir = repository([{ spec: SPEC, version: "0.1.0" }]);
    const result = report(dir, spec, changesets);
    expect(result.out).toContain("against @peak-images/spec@0.1.0");
    expect(result.out).toContain(says);
    expect(result.code).toBe(code);
  });

  it("names each breaking change", () => {
    const { out } = report(repository([{ spec: SPEC, version: "0.1.0" }]), withoutVersionsList(SPEC));
    expect(out).toMatch(/breaking +remove +paths\.\/images\/\{imageId\}\/versions\.get/);
  });

  it("compares with the newest release by version number, not by tag name order", () => {
    // 0.10.0 sorts before 0.9.0 as text; the spec as released in 0.10.0 is the one to compare with.
    const changed = withoutVersionsList(SPEC);
    const dir = repository([
      { spec: SPEC, version: "0.9.0" },
      { spec: changed, version: "0.10.0" },
    ]);
    const { code, out } = report(dir, changed);
    expect(out).toContain("against @peak-images/spec@0.10.0");
    expect(code).toBe(0);
  });
});
