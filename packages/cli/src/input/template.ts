import { readFileSync } from "node:fs";
import path from "node:path";
import { TemplateError } from "../errors.js";
import { firstUndefined } from "./template-check.js";

// Jinja-compatible rendering of input files with nunjucks: `{{ var }}`, filters, `os_env`, and
// `{% include "file" %}` relative to the including file's folder, keeping the include line's indentation (nunjucks
// does not indent included text: a pre-pass wraps each include in `{% filter indent(n) %}`). Unknown variables are
// errors naming the variable, where Jinja (and the Python CLI) would silently render them empty.

const INCLUDE =
  /\{%-?\s*include\s+(?:"([^"]+)"|'([^']+)')\s*(?:ignore\s+missing\s*)?(?:with(?:out)?\s+context\s*)?-?%\}/g;
const MARKERS = /\{\{|\{%|\{#/;

/** True when the text uses template syntax at all (plain YAML skips the template engine). */
export function isTemplate(text: string): boolean {
  return MARKERS.test(text);
}

interface Source {
  file: string;
  text: string;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
    }
  }
  return line;
}

function shown(file: string, root: string): string {
  return path.relative(path.dirname(root), file) || path.basename(file);
}

/**
 * Loads the template and every file it includes (literal names), rewriting includes to absolute names wrapped in
 * an indent filter. A circular include is an error naming the chain.
 */
function loadAll(root: string, rootText: string): Map<string, string> {
  const sources = new Map<string, string>();
  const visit = (source: Source, chain: readonly string[]) => {
    const dir = path.dirname(source.file);
    const rewritten = source.text.replace(INCLUDE, (...match: unknown[]) => {
      const name = (match[1] ?? match[2]) as string;
      const offset = match[3] as number;
      const target = path.resolve(dir, name);
      const where = `${shown(source.file, root)} line ${lineOf(source.text, offset)}`;
      if (chain.includes(target)) {
        const loop = [...chain.slice(chain.indexOf(target)), target].map((file) => shown(file, root));
        throw new TemplateError(`circular include: ${loop.join(" -> ")} (${where})`);
      }
      if (!sources.has(target)) {
        let text: string;
        try {
          text = readFileSync(target, "utf8");
        } catch {
          throw new TemplateError(`cannot read the included file ${name} (${where}): no such file`);
        }
        // The include line's own line break ends the included text.
        visit({ file: target, text: text.replace(/\r?\n$/, "") }, [...chain, target]);
      }
      const lineStart = source.text.lastIndexOf("\n", offset - 1) + 1;
      const indent = /^[ \t]*/.exec(source.text.slice(lineStart, offset))![0].length;
      const include = `{% include ${JSON.stringify(target)} %}`;
      return indent > 0 ? `{% filter indent(${indent}) %}${include}{% endfilter %}` : include;
    });
    sources.set(source.file, rewritten);
  };
  visit({ file: root, text: rootText }, [root]);
  return sources;
}

interface NunjucksError extends Error {
  lineno?: number;
  colno?: number;
}

/** The `{{ ... }}` expression starting at a 1-based line and column, for error messages. */
function expressionAt(text: string, line: number, column: number): string | undefined {
  const lineText = text.split("\n")[line - 1];
  if (lineText === undefined) {
    return undefined;
  }
  const open = lineText.lastIndexOf("{{", column);
  const close = lineText.indexOf("}}", Math.max(open, 0));
  if (open === -1 || close === -1) {
    return undefined;
  }
  return lineText
    .slice(open + 2, close)
    .replace(/^-|-$/g, "")
    .trim();
}

/** Renders a template file with the given variables plus `os_env`; throws TemplateError naming file and line. */
export async function renderTemplate(
  file: string,
  text: string,
  params: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const root = path.resolve(file);
  const sources = loadAll(root, text);
  const nunjucks = (await import("nunjucks")).default;
  const loader = {
    getSource(name: string) {
      const src = sources.get(name);
      if (src === undefined) {
        throw new TemplateError(`cannot include ${name}: only quoted file names can be included`);
      }
      return { src, path: name, noCache: true };
    },
  };
  const environment = new nunjucks.Environment(loader as unknown as import("nunjucks").ILoader, {
    autoescape: false,
    throwOnUndefined: true,
    // YAML is whitespace-sensitive: keep every line break the file has.
    trimBlocks: false,
    lstripBlocks: false,
  });
  const context = { ...params, os_env: { ...env } };
  const parser = (nunjucks as unknown as { parser: { parse(src: string): unknown } }).parser;
  for (const [name, src] of sources) {
    let ast: unknown;
    try {
      ast = parser.parse(src);
    } catch (error) {
      throw translate(error as NunjucksError, sources, root, name);
    }
    const missing = firstUndefined(ast, (variable) => Object.hasOwn(context, variable));
    if (missing) {
      throw new TemplateError(
        `${shown(name, root)} line ${missing.line}: unknown template variable '${missing.name}': pass it with -p ${missing.name}=VALUE or in the -v params file`,
      );
    }
  }
  try {
    return environment.render(root, context);
  } catch (error) {
    throw translate(error as NunjucksError, sources, root, root);
  }
}

function translate(error: NunjucksError, sources: Map<string, string>, root: string, fallback: string): TemplateError {
  if (error instanceof TemplateError) {
    return error;
  }
  const message = error.message ?? String(error);
  // nunjucks prefixes "(path) [Line l, Column c]"; the path is the innermost template that failed.
  const located = /\(([^)]+)\)\s*\[Line (\d+), Column (\d+)\]\s*([\s\S]*)/.exec(message);
  const file = located?.[1] && sources.has(located[1]) ? located[1] : fallback;
  const line = located ? Number(located[2]) : error.lineno;
  const column = located ? Number(located[3]) : error.colno;
  const reason = (located?.[4] ?? message).replace(/^\s*Template render error:?\s*/i, "").trim();
  const where = `${shown(file, root)}${line ? ` line ${line}` : ""}`;
  if (/attempted to output null or undefined value/.test(reason)) {
    const expression = line && column ? expressionAt(sources.get(file) ?? "", line, column) : undefined;
    const name = expression ? (/^[A-Za-z_][\w.]*/.exec(expression)?.[0] ?? expression) : "?";
    return new TemplateError(
      `${where}: unknown template variable '${name}'${expression && expression !== name ? ` in {{ ${expression} }}` : ""}: pass it with -p ${name.split(".")[0]}=VALUE or in the -v params file`,
    );
  }
  return new TemplateError(`${where}: template error: ${reason.split("\n")[0]}`);
}
