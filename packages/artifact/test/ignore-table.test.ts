import { afterAll, describe, expect, it } from "vitest";
import { listArtifactFiles } from "../src/index.js";
import { makeTree, pythonSelect, removeTree, type TreeNode } from "./helpers.js";

// A small project used by most rows; each row adds its ignore file(s) at the root.
const PROJECT = [
  "Dockerfile",
  "README.md",
  "main.py",
  ".env",
  ".git/config",
  "src/app.py",
  "src/README.md",
  "src/util/helpers.py",
  "src/util/data.json",
  "docs/guide.md",
  "docs/api/index.md",
  "node_modules/lib/index.js",
  "node_modules/keep/keep.js",
  "build/out.bin",
  "build/keep.txt",
  "logs/a.log",
];

interface Row {
  name: string;
  /** Ignore files in order: name and content. Default: one `.dockerignore`. */
  ignore: string | Array<[string, string]>;
  tree?: string[];
  /** Expected files, excluding the ignore files themselves unless listed in `withIgnoreFiles`. */
  expect: string[];
  /** Ignore files that are expected in the result (default: all of them, since patterns rarely exclude them). */
  ignoreFilesKept?: string[];
}

const all = (...except: string[]) => PROJECT.filter((f) => !except.includes(f));

const rows: Row[] = [
  // allow-lists
  {
    name: "allow-list: * then !src/",
    ignore: "*\n!src/\n",
    expect: ["src/README.md", "src/app.py", "src/util/data.json", "src/util/helpers.py"],
    ignoreFilesKept: [],
  },
  {
    name: "allow-list: * then !**/*.py",
    ignore: "*\n!**/*.py\n",
    expect: ["main.py", "src/app.py", "src/util/helpers.py"],
    ignoreFilesKept: [],
  },
  {
    name: "allow-list: * then !*.py (slash-free re-include at any depth)",
    ignore: "*\n!*.py\n",
    expect: ["main.py", "src/app.py", "src/util/helpers.py"],
    ignoreFilesKept: [],
  },
  {
    name: "allow-list: * then !src (no trailing slash)",
    ignore: "*\n!src\n",
    expect: ["src/README.md", "src/app.py", "src/util/data.json", "src/util/helpers.py"],
    ignoreFilesKept: [],
  },
  {
    name: "allow-list keeps the Dockerfile and itself when listed",
    ignore: "*\n!Dockerfile\n!.dockerignore\n!src/app.py\n",
    expect: ["Dockerfile", "src/app.py"],
  },
  {
    name: "allow-list then re-exclude inside",
    ignore: "*\n!src/\nsrc/util/\n",
    expect: ["src/README.md", "src/app.py"],
    ignoreFilesKept: [],
  },
  // re-include under excluded folders
  {
    name: "re-include one file under an excluded folder",
    ignore: "build\n!build/keep.txt\n",
    expect: all("build/out.bin"),
  },
  {
    name: "re-include under excluded folder with trailing slash",
    ignore: "build/\n!build/keep.txt\n",
    expect: all("build/out.bin"),
  },
  {
    name: "re-include a sub-folder of node_modules",
    ignore: "node_modules\n!node_modules/keep/\n",
    expect: all("node_modules/lib/index.js"),
  },
  {
    name: "re-include by extension under excluded folder",
    ignore: "src/\n!*.json\n",
    expect: all("src/app.py", "src/README.md", "src/util/helpers.py"),
  },
  {
    name: "re-include then exclude again: last match wins",
    ignore: "build\n!build/keep.txt\nbuild/keep.txt\n",
    expect: all("build/out.bin", "build/keep.txt"),
  },
  { name: "exclude after include of the same file", ignore: "!main.py\nmain.py\n", expect: all("main.py") },
  // ** in every position
  { name: "leading **/", ignore: "**/README.md\n", expect: all("README.md", "src/README.md") },
  { name: "leading **/ with folder", ignore: "**/util\n", expect: all("src/util/helpers.py", "src/util/data.json") },
  { name: "trailing /**", ignore: "docs/**\n", expect: all("docs/guide.md", "docs/api/index.md") },
  { name: "middle /**/", ignore: "src/**/*.py\n", expect: all("src/app.py", "src/util/helpers.py") },
  { name: "middle /**/ matching zero folders", ignore: "docs/**/guide.md\n", expect: all("docs/guide.md") },
  { name: "** alone excludes everything", ignore: "**\n", expect: [], ignoreFilesKept: [] },
  {
    name: "**/ excludes everything below the root only",
    ignore: "**/\n",
    expect: ["Dockerfile", "README.md", "main.py", ".env"],
  },
  {
    name: "**/*.md at any depth",
    ignore: "**/*.md\n",
    expect: all("README.md", "src/README.md", "docs/guide.md", "docs/api/index.md"),
  },
  {
    name: "** inside a name acts like *",
    ignore: "node**\n",
    expect: all("node_modules/lib/index.js", "node_modules/keep/keep.js"),
  },
  { name: "repeated **/**/ collapses", ignore: "**/**/data.json\n", expect: all("src/util/data.json") },
  // leading / and trailing /
  { name: "leading / anchors to the root", ignore: "/README.md\n", expect: all("README.md") },
  { name: "slash-free name matches at any depth", ignore: "README.md\n", expect: all("README.md", "src/README.md") },
  { name: "pattern with a middle slash is anchored", ignore: "api/index.md\n", expect: PROJECT },
  { name: "anchored folder path", ignore: "docs/api\n", expect: all("docs/api/index.md") },
  { name: "trailing / matches a folder's contents", ignore: "logs/\n", expect: all("logs/a.log") },
  { name: "trailing / does not match a file of that name", ignore: "main.py/\n", expect: PROJECT },
  { name: "leading and trailing /", ignore: "/src/util/\n", expect: all("src/util/helpers.py", "src/util/data.json") },
  { name: "a lone / matches nothing", ignore: "/\n", expect: PROJECT },
  // ? and [...]
  { name: "? matches one character", ignore: "main.p?\n", expect: all("main.py") },
  { name: "? does not match a slash", ignore: "src?app.py\n", expect: PROJECT },
  {
    name: "character class",
    ignore: "*.[pj][ys]*\n",
    expect: all(
      "main.py",
      "src/app.py",
      "src/util/helpers.py",
      "src/util/data.json",
      "node_modules/lib/index.js",
      "node_modules/keep/keep.js",
    ),
  },
  { name: "character range", ignore: "[a-c]*.log\n", expect: all("logs/a.log") },
  { name: "negated class [!...]", ignore: "[!m]ain.py\n", expect: PROJECT },
  { name: "negated class matches other first letters", ignore: "*.[!p]y\n", expect: PROJECT },
  {
    name: "caret at class start is a literal in pathspec",
    ignore: "[^m]ain.py\n",
    expect: all("main.py"),
    tree: [...PROJECT, "^ain.py"],
  },
  {
    name: "caret class matches a literal caret",
    ignore: "[^x]ain.py\n",
    expect: PROJECT,
    tree: [...PROJECT, "^ain.py"],
  },
  { name: "unclosed [ is a literal", ignore: "[abc\n", expect: [...PROJECT], tree: [...PROJECT, "[abc"] },
  // escapes, spaces, comments, blanks, CRLF
  { name: "comment lines are ignored", ignore: "# main.py\n", expect: PROJECT },
  { name: "\\# escapes a leading hash", ignore: "\\#notes.txt\n", tree: [...PROJECT, "#notes.txt"], expect: PROJECT },
  {
    name: "\\! escapes a leading bang",
    ignore: "\\!important.txt\n",
    tree: [...PROJECT, "!important.txt"],
    expect: PROJECT,
  },
  { name: "blank lines change nothing", ignore: "\n\n   \nmain.py\n\n", expect: all("main.py") },
  { name: "trailing spaces are trimmed", ignore: "main.py   \n", expect: all("main.py") },
  { name: "leading spaces are trimmed too (SDK strips)", ignore: "   main.py\n", expect: all("main.py") },
  { name: "tabs around a pattern are trimmed", ignore: "\tmain.py\t\n", expect: all("main.py") },
  { name: "CRLF line endings", ignore: "main.py\r\nlogs/\r\n!logs/a.log\r\n", expect: all("main.py") },
  { name: "CRLF with exclusions", ignore: "main.py\r\n.env\r\n", expect: all("main.py", ".env") },
  { name: "lone CR line endings", ignore: "main.py\r.env\r", expect: all("main.py", ".env") },
  { name: "no final newline", ignore: "main.py", expect: all("main.py") },
  // dotfiles, spaces, non-ASCII
  { name: "dotfiles are included by default", ignore: "", expect: PROJECT },
  { name: "dotfile pattern", ignore: ".env\n.git\n", expect: all(".env", ".git/config") },
  { name: "* matches dotfiles", ignore: ".*\n", expect: all(".env", ".git/config"), ignoreFilesKept: [] },
  {
    name: "names with spaces",
    ignore: "my notes.txt\n",
    tree: [...PROJECT, "my notes.txt", "docs/my notes.txt"],
    expect: PROJECT,
  },
  {
    name: "non-ASCII names",
    ignore: "café.txt\n",
    tree: [...PROJECT, "café.txt", "docs/café.txt", "naïve.txt"],
    expect: [...PROJECT, "naïve.txt"],
  },
  { name: "non-ASCII with ?", ignore: "caf?.txt\n", tree: [...PROJECT, "café.txt", "cafe.txt"], expect: PROJECT },
  {
    name: "astral characters count as one for ?",
    ignore: "a?b\n",
    tree: [...PROJECT, "a😀b", "axxb"],
    expect: [...PROJECT, "axxb"],
  },
  // several ignore files, in order
  {
    name: "two ignore files: the second re-includes",
    ignore: [
      [".dockerignore", "build\n"],
      ["extra.ignore", "!build/keep.txt\n"],
    ],
    expect: all("build/out.bin"),
  },
  {
    name: "two ignore files: order matters",
    ignore: [
      ["extra.ignore", "!build/keep.txt\n"],
      [".dockerignore", "build\n"],
    ],
    expect: all("build/out.bin", "build/keep.txt"),
  },
  {
    name: "an ignore file excluding itself",
    ignore: ".dockerignore\nmain.py\n",
    expect: all("main.py"),
    ignoreFilesKept: [],
  },
  {
    name: "one ignore file excluding another",
    ignore: [
      [".dockerignore", "extra.ignore\n"],
      ["extra.ignore", "logs\n"],
    ],
    expect: all("logs/a.log"),
    ignoreFilesKept: [".dockerignore"],
  },
  // case sensitivity
  { name: "matching is case-sensitive", ignore: "readme.md\n", expect: PROJECT },
  { name: "case-sensitive folders", ignore: "SRC/\n", expect: PROJECT },
  { name: "exact case matches", ignore: "Dockerfile\n", expect: all("Dockerfile") },
  // odd but valid SDK inversions
  { name: "!# line becomes a comment after inversion", ignore: "!#x\nmain.py\n", expect: all("main.py") },
  { name: "!! excludes (the SDK strips one !)", ignore: "!!main.py\n", expect: all("main.py") },
  { name: "a lone ! is a no-op", ignore: "!\n", expect: PROJECT },
  { name: "a bracket class can match / in pathspec", ignore: "src[!x]app.py\n", expect: all("src/app.py") },
  { name: "a range can span / in pathspec", ignore: "src[+-0]app.py\n", expect: all("src/app.py") },
];

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map(removeTree));
});

async function build(row: Row): Promise<{ root: string; ignoreFiles: string[]; expected: string[] }> {
  const files: Array<[string, string]> = typeof row.ignore === "string" ? [[".dockerignore", row.ignore]] : row.ignore;
  const tree: Record<string, TreeNode> = {};
  for (const f of row.tree ?? PROJECT) {
    tree[f] = `content of ${f}\n`;
  }
  for (const [name, text] of files) {
    tree[name] = text;
  }
  const root = await makeTree(tree);
  roots.push(root);
  const kept = row.ignoreFilesKept ?? files.map(([name]) => name);
  const expected = [...new Set([...row.expect, ...kept])].sort();
  return { root, ignoreFiles: files.map(([name]) => name), expected };
}

describe("ignore rules table", () => {
  it("has at least 60 rows", () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows)("$name", async (row) => {
    const { root, ignoreFiles, expected } = await build(row);
    const selected = await listArtifactFiles(root, { ignoreFiles });
    expect(selected).toEqual(expected);
  });

  it("every row's expectation is what the Python SDK's pathspec selects", async () => {
    const built = await Promise.all(rows.map(build));
    const python = pythonSelect(built.map(({ root, ignoreFiles }) => ({ root, ignoreFiles })));
    const mismatches = built
      .map((b, i) => ({ row: rows[i]!.name, expected: b.expected, python: python[i] }))
      .filter((m) => JSON.stringify(m.python?.files) !== JSON.stringify(m.expected));
    expect(mismatches).toEqual([]);
  });
});
