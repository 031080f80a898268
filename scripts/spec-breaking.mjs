#!/usr/bin/env node
// Breaking-change report of spec/openapi.yaml against the last release of @peak-images/spec (the git tag
// `@peak-images/spec@<version>` that `changeset publish` / `changeset tag` creates). Every change is classified by
// api-smart-diff (breaking, non-breaking, deprecated, annotation, unclassified) and printed; the run fails on a
// breaking change unless a pending changeset (.changeset/*.md) bumps @peak-images/spec with `major`.
// Usage: node scripts/spec-breaking.mjs [--root DIR]   (DIR: the repository, default this one)
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { apiCompare } from "api-smart-diff";
import { parse } from "yaml";

const SPEC_PACKAGE = "@peak-images/spec";
const SPEC_FILE = "spec/openapi.yaml";
const TYPES = ["breaking", "deprecated", "non-breaking", "unclassified", "annotation"];

const at = process.argv.indexOf("--root");
const root = at === -1 ? new URL("..", import.meta.url).pathname : process.argv[at + 1];

function git(...args) {
  return execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Release versions (x.y.z, no pre-release) compared numerically. */
function newer(a, b) {
  const [pa, pb] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) {
    if (pa[i] !== pb[i]) {
      return pa[i] > pb[i];
    }
  }
  return false;
}

/** The tag of the newest release of the spec package, or undefined before the first one. */
function lastReleaseTag() {
  const versions = git("tag", "--list", `${SPEC_PACKAGE}@*`)
    .split("\n")
    .map((tag) => tag.trim().slice(SPEC_PACKAGE.length + 1))
    .filter((version) => /^\d+\.\d+\.\d+$/.test(version));
  const latest = versions.reduce((best, v) => (best === undefined || newer(v, best) ? v : best), undefined);
  return latest === undefined ? undefined : `${SPEC_PACKAGE}@${latest}`;
}

/** Pending changesets that bump the spec package with `major` (their file names). */
function majorChangesets() {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .filter((file) => {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, file), "utf8"));
      return front !== null && parse(front[1] ?? "")?.[SPEC_PACKAGE] === "major";
    });
}

const tag = lastReleaseTag();
if (tag === undefined) {
  console.log(`spec breaking-change report: no release tag yet (${SPEC_PACKAGE}@<version>): nothing to compare`);
  process.exit(0);
}

const before = parse(git("show", `${tag}:${SPEC_FILE}`));
const after = parse(readFileSync(join(root, SPEC_FILE), "utf8"));
// Changes are reported where the API uses them (under `paths`, $refs resolved), not again under `components`.
const diffs = apiCompare(before, after).diffs.filter((diff) => diff.path[0] !== "components");
const byType = Object.fromEntries(TYPES.map((type) => [type, diffs.filter((diff) => diff.type === type)]));

console.log(`spec breaking-change report: ${SPEC_FILE} against ${tag}`);
console.log(TYPES.map((type) => `${byType[type].length} ${type}`).join(", "));
for (const type of TYPES) {
  for (const diff of byType[type]) {
    const where = diff.path.map(String).join(".");
    console.log(
      `  ${type.padEnd(12)} ${diff.action.padEnd(7)} ${where}${diff.description ? ` (${diff.description})` : ""}`,
    );
  }
}

const breaking = byType.breaking.length;
if (breaking === 0) {
  process.exit(0);
}
const majors = majorChangesets();
if (majors.length > 0) {
  console.log(`${breaking} breaking change(s), declared by a major changeset: ${majors.join(", ")}`);
  process.exit(0);
}
console.error(
  `${breaking} breaking change(s) since ${tag} and no pending changeset bumps ${SPEC_PACKAGE} with major: ` +
    `revert them, or run \`pnpm changeset\` and choose major for ${SPEC_PACKAGE}.`,
);
process.exit(1);
