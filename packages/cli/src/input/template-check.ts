// Finds variables a template uses but nobody defines, before rendering, so the error names the variable (nunjucks'
// own throwOnUndefined only says "attempted to output null or undefined value", and filters such as `upper`
// would silently turn an undefined value into ""). A variable may stay undefined only where the template tests
// for it: `{% if var %}`, `var is defined`, `var | default(...)`.

interface AstNode {
  typename: string;
  lineno: number;
  colno: number;
  fields: readonly string[];
  value?: unknown;
  [field: string]: unknown;
}

/** Names nunjucks provides itself. */
const BUILTINS = new Set([
  "range",
  "cycler",
  "joiner",
  "loop",
  "caller",
  "super",
  "true",
  "false",
  "none",
  "True",
  "False",
  "None",
]);
const LENIENT_TESTS = new Set(["defined", "undefined", "none", "null", "falsy", "truthy"]);
const DEFAULT_FILTERS = new Set(["default", "d"]);

function isNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && Array.isArray((value as AstNode).fields);
}

function symbolsIn(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) {
      symbolsIn(item, out);
    }
    return;
  }
  if (!isNode(node)) {
    return;
  }
  if (node.typename === "Symbol") {
    out.add(String(node.value));
    return;
  }
  for (const field of node.fields) {
    const child = node[field];
    if (Array.isArray(child)) {
      for (const item of child) {
        symbolsIn(item, out);
      }
    } else {
      symbolsIn(child, out);
    }
  }
}

/** Every name the template assigns itself: set targets, loop variables, macro names and arguments, imports. */
function assignedNames(node: unknown, out: Set<string>): void {
  if (!isNode(node)) {
    return;
  }
  switch (node.typename) {
    case "Set":
      symbolsIn(node.targets, out);
      break;
    case "For":
    case "AsyncEach":
    case "AsyncAll":
      symbolsIn(node.name, out);
      break;
    case "Macro":
    case "Caller":
      symbolsIn(node.name, out);
      symbolsIn(node.args, out);
      break;
    case "Import":
      symbolsIn(node.target, out);
      break;
    case "FromImport":
      symbolsIn(node.names, out);
      break;
    default:
      break;
  }
  for (const field of node.fields) {
    const child = node[field];
    for (const item of Array.isArray(child) ? child : [child]) {
      assignedNames(item, out);
    }
  }
}

/** The first use of an undefined variable: its name and 1-based line, or undefined when every use is covered. */
export function firstUndefined(
  root: unknown,
  known: (name: string) => boolean,
): { name: string; line: number } | undefined {
  const assigned = new Set<string>();
  assignedNames(root, assigned);
  let found: { name: string; line: number } | undefined;
  // `guarded`: names an enclosing `{% if %}` tested, so its body may use them (it only runs when they exist).
  const visit = (node: unknown, lenient: boolean, guarded: ReadonlySet<string>): void => {
    if (found || !isNode(node)) {
      return;
    }
    const each = (child: unknown, childLenient: boolean, childGuarded = guarded) => {
      for (const item of Array.isArray(child) ? child : [child]) {
        visit(item, childLenient, childGuarded);
      }
    };
    switch (node.typename) {
      case "Symbol": {
        const name = String(node.value);
        if (!lenient && !guarded.has(name) && !BUILTINS.has(name) && !assigned.has(name) && !known(name)) {
          found = { name, line: node.lineno + 1 };
        }
        return;
      }
      case "If":
      case "IfAsync":
      case "InlineIf": {
        each(node.cond, true);
        const tested = new Set(guarded);
        symbolsIn(node.cond, tested);
        each(node.body, false, tested);
        each(node.else_, false);
        return;
      }
      case "Not":
        each(node.target, lenient);
        return;
      case "Is": {
        const test = isNode(node.right)
          ? String((node.right.typename === "FunCall" ? (node.right.name as AstNode) : node.right).value)
          : "";
        each(node.left, lenient || LENIENT_TESTS.has(test));
        return;
      }
      case "Filter":
      case "FilterAsync": {
        const filter = String((node.name as AstNode).value);
        const args = (node.args as AstNode).children as unknown[];
        // The filtered value (the first argument) of `default` may be undefined; the other arguments may not.
        args.forEach((arg, i) => {
          each(arg, i === 0 && (lenient || DEFAULT_FILTERS.has(filter)));
        });
        return;
      }
      case "Pair":
        // Dict and keyword-argument keys are names, not variables.
        each(node.value, lenient);
        return;
      case "LookupVal":
        each(node.target, lenient);
        each(node.val, false);
        return;
      case "Include":
        return;
      default:
        // Expressions inside a test stay lenient (`{% if a and b %}`); statements reset it where they start.
        for (const field of node.fields) {
          each(node[field], lenient);
        }
    }
  };
  visit(root, false, new Set());
  return found;
}
