#!/usr/bin/env node
// What a user gets from npm: packs every publishable package (pnpm pack, after `pnpm build`), checks each tarball
// (no `workspace:` range left, internal dependencies pinned to the packed versions, the Apache-2.0 LICENSE), then
// installs all the tarballs with npm into an empty project outside the workspace and uses them from there:
// require() and import() of every code entry, the SDK's browser entry bundled for the web, the emulator's bin and,
// when the CLI package exists, `peak --version`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pack, publishablePackages, root } from "./lib/packages.mjs";

const work = mkdtempSync(join(tmpdir(), "peak-smoke-"));
const packages = publishablePackages();
const failures = [];
let checks = 0;

/** Runs one named check; a failure is recorded with its output and the run goes on. */
function check(name, fn) {
  checks++;
  try {
    const detail = fn();
    console.log(`ok   ${name}${detail ? `: ${detail}` : ""}`);
  } catch (error) {
    failures.push(name);
    console.error(`FAIL ${name}\n${error.stderr ?? ""}${error.stdout ?? ""}${error.stderr ? "" : error.message}`);
  }
}

/** Runs a command in the test project and returns its stdout. */
function run(command, args, input) {
  return execFileSync(command, args, { cwd: join(work, "app"), encoding: "utf8", input, stdio: "pipe" });
}

/** A file of a tarball, read with tar. */
function fromTarball(tarball, path) {
  return execFileSync("tar", ["-xzOf", tarball, `package/${path}`], { maxBuffer: 64 * 1024 * 1024 });
}

/** The `dependencies`-like ranges a manifest declares. */
function ranges(manifest) {
  return ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"].flatMap((field) =>
    Object.entries(manifest[field] ?? {}).map(([name, range]) => ({ field, name, range })),
  );
}

/** Code entry points of an export map: subpaths whose target is JavaScript (not data files such as openapi.yaml). */
function codeEntries(pkg) {
  return Object.keys(pkg.exports ?? { ".": pkg.main }).filter((key) => !/\.(ya?ml|json)$/.test(key));
}

try {
  const versions = Object.fromEntries(packages.map(({ pkg }) => [pkg.name, pkg.version]));
  const license = readFileSync(join(root, "LICENSE"));
  const tarballs = [];
  for (const { dir, pkg } of packages) {
    const tarball = pack(dir, join(work, "tarballs"));
    tarballs.push(tarball);
    check(`${pkg.name}: packed manifest has no workspace: range`, () => {
      const manifest = JSON.parse(fromTarball(tarball, "package.json"));
      const left = ranges(manifest).filter(({ range }) => String(range).startsWith("workspace:"));
      if (left.length > 0) {
        throw new Error(left.map((d) => `${d.field}.${d.name}: ${d.range}`).join(", "));
      }
      const internal = ranges(manifest).filter(({ field, name }) => field !== "devDependencies" && name in versions);
      const wrong = internal.filter(({ name, range }) => range !== versions[name]);
      if (wrong.length > 0) {
        throw new Error(wrong.map((d) => `${d.name}: ${d.range}, packed version ${versions[d.name]}`).join(", "));
      }
      return internal.map(({ name, range }) => `${name}@${range}`).join(", ") || "no internal dependency";
    });
    check(`${pkg.name}: tarball carries the Apache-2.0 LICENSE`, () => {
      if (pkg.license !== "Apache-2.0" || !fromTarball(tarball, "LICENSE").equals(license)) {
        throw new Error(`license field ${pkg.license}; LICENSE must be the root's Apache-2.0 text`);
      }
    });
  }

  // An empty project, outside the workspace: npm resolves our packages from the tarballs only, and their own
  // dependencies from the registry (or npm's cache).
  const app = join(work, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), `${JSON.stringify({ name: "smoke-app", private: true }, null, 2)}\n`);
  check("npm install of every tarball into an empty project", () => {
    run("npm", ["install", "--no-fund", "--no-audit", "--prefer-offline", "--loglevel=error", ...tarballs]);
    const listed = JSON.parse(run("npm", ["ls", "--json", "--depth=0"]));
    return Object.entries(listed.dependencies ?? {})
      .map(([name, info]) => `${name}@${info.version}`)
      .join(", ");
  });

  for (const { pkg } of packages) {
    for (const entry of codeEntries(pkg)) {
      const specifier = entry === "." ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
      check(`require("${specifier}")`, () => {
        const out = run("node", ["-e", `console.log(Object.keys(require(${JSON.stringify(specifier)})).length)`]);
        if (Number(out) === 0) {
          throw new Error("the module exports nothing");
        }
        return `${out.trim()} exports`;
      });
      check(`import("${specifier}")`, () => {
        const code = `const m = await import(${JSON.stringify(specifier)}); console.log(Object.keys(m).length)`;
        const out = run("node", ["--input-type=module", "-e", code]);
        if (Number(out) === 0) {
          throw new Error("the module exports nothing");
        }
        return `${out.trim()} exports`;
      });
    }
  }

  check("@peak-images/sdk browser entry: bundles for the web from the installed package", () => {
    // esbuild from the workspace, the way an app's bundler picks the `browser` condition of the installed package.
    const { buildSync } = createRequire(join(root, "packages", "sdk", "package.json"))("esbuild");
    const result = buildSync({
      stdin: { contents: 'export { getClient } from "@peak-images/sdk";', resolveDir: app },
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    const browser = inputs.find((path) => path.endsWith("node_modules/@peak-images/sdk/dist/browser.js"));
    if (!browser || inputs.some((path) => path.includes("@peak-images/artifact"))) {
      throw new Error(`unexpected bundle inputs: ${inputs.join(", ")}`);
    }
    writeFileSync(join(app, "bundle.mjs"), result.outputFiles[0].text);
    const kind = run("node", [
      "--input-type=module",
      "-e",
      'console.log(typeof (await import("./bundle.mjs")).getClient)',
    ]);
    if (kind.trim() !== "function") {
      throw new Error(`getClient is ${kind}`);
    }
    return `${result.outputFiles[0].contents.length} bytes minified`;
  });

  check("npx peak-images-emulator --help", () => {
    const out = run("npx", ["--no-install", "peak-images-emulator", "--help"]);
    if (!out.includes("--port")) {
      throw new Error(`unexpected help:\n${out}`);
    }
    return out.split("\n")[0];
  });

  const cli = packages.find(({ pkg }) => pkg.name === "@peak-images/cli");
  if (cli === undefined) {
    console.log("skip npx peak --version: there is no @peak-images/cli package in the workspace");
  } else {
    check("npx peak --version", () => {
      const out = run("npx", ["--no-install", "peak", "--version"]).trim();
      if (out !== cli.pkg.version) {
        throw new Error(`printed ${out}, package version ${cli.pkg.version}`);
      }
      return out;
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(`\nsmoke: ${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length > 0 ? 1 : 0);
