import { stringify } from "yaml";

// YAML as the Python CLI prints it (PyYAML's `yaml.dump(data, indent=4)`): block style, keys sorted, sequences
// not indented under their key and padded `-   ` to the 4-space indent, YAML 1.1 scalars (so `yes`, `on`,
// timestamps and numeric strings are quoted), single quotes when quoting is needed. Unlike PyYAML, long lines are
// not folded at 80 columns, and multi-line strings are written double-quoted.

const PLAIN_FOR_PYYAML = new Set([".", "y", "Y", "n", "N"]);

function scalar(value: unknown): string {
  if (typeof value === "string" && value.includes("\n")) {
    return JSON.stringify(value);
  }
  // The yaml package quotes these (a float pattern, the y/n booleans of YAML 1.1); PyYAML's resolver does not.
  if (typeof value === "string" && PLAIN_FOR_PYYAML.has(value)) {
    return value;
  }
  return stringify(value, { version: "1.1", singleQuote: true, lineWidth: 0 }).trimEnd();
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0;
}

function isCollection(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

function emit(value: unknown, indent: number, out: string[]): void {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollection(item) && !isEmpty(item)) {
        const lines: string[] = [];
        emit(item, indent + 4, lines);
        // The first line of the item goes on the dash line, padded to the indent.
        out.push(`${pad}-   ${lines[0]!.slice(indent + 4)}`, ...lines.slice(1));
      } else {
        // A scalar (or an empty collection) item takes a dash and one space.
        out.push(`${pad}- ${isCollection(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item)}`);
      }
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    const child = record[key];
    const name = scalar(key);
    if (isCollection(child) && !isEmpty(child)) {
      out.push(`${pad}${name}:`);
      emit(child, Array.isArray(child) ? indent : indent + 4, out);
    } else {
      out.push(`${pad}${name}: ${isCollection(child) ? (Array.isArray(child) ? "[]" : "{}") : scalar(child)}`);
    }
  }
}

/** The PyYAML-style document for a JSON value. */
export function toPyYaml(value: unknown): string {
  if (!isCollection(value)) {
    return `${scalar(value)}\n`;
  }
  if (isEmpty(value)) {
    return Array.isArray(value) ? "[]\n" : "{}\n";
  }
  const out: string[] = [];
  emit(value, 0, out);
  return `${out.join("\n")}\n`;
}
