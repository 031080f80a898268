/**
 * A COPY/ADD argument as BuildKit reads it: the shell form splits the line on whitespace, then each word goes
 * through shell-like word processing (quotes removed, the escape character escapes, `$VAR` expands). Nothing is
 * expanded here: a word that would expand is only flagged, since its value depends on build arguments.
 */

/** One processed word. */
export interface Word {
  /** The word with quotes and escapes removed. */
  value: string;
  /** It holds a `$` outside single quotes (a variable BuildKit would expand). */
  variable: boolean;
}

/** Splits the shell form on whitespace, as BuildKit's parser does (quotes do not group words). */
export function splitWords(text: string): string[] {
  return text.split(/[\t\v\f\r ]+/).filter((word) => word !== "");
}

/** Removes quotes and escapes like BuildKit's word processing; `escapeChar` is the Dockerfile's escape character. */
export function processWord(word: string, escapeChar: string): Word {
  let value = "";
  let variable = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote === "'") {
      if (ch === "'") {
        quote = undefined;
      } else {
        value += ch;
      }
    } else if (ch === escapeChar && i + 1 < word.length) {
      const next = word[i + 1]!;
      // Inside double quotes only a quote, `$` or the escape character itself is escaped.
      if (quote === '"' && next !== '"' && next !== "$" && next !== escapeChar) {
        value += ch;
      } else {
        value += next;
        i++;
      }
    } else if (ch === quote) {
      quote = undefined;
    } else if (quote === undefined && (ch === "'" || ch === '"')) {
      quote = ch;
    } else {
      if (ch === "$") {
        variable = true;
      }
      value += ch;
    }
  }
  return { value, variable };
}
