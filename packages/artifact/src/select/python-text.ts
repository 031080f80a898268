/** How Python reads an ignore file: universal newlines and `str.strip()`, which the Python SDK applies to each line. */

// Python's str.isspace() set, so trimming agrees with the SDK's `line.strip()` (JS trim() differs: BOM, \x1c-\x1f, \x85).
const PY_SPACE = new Set(
  [
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
    0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
  ].map((c) => String.fromCharCode(c)),
);

/** Python's `str.strip()` with no arguments. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_SPACE.has(s[start]!)) {
    start++;
  }
  while (end > start && PY_SPACE.has(s[end - 1]!)) {
    end--;
  }
  return s.slice(start, end);
}

/** Splits an ignore file's text the way Python's universal-newline reading does. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") {
    lines.pop();
  }
  return lines;
}
