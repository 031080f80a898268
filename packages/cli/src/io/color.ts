import type { Io } from "../context.js";

/** Whether stdout may carry colour escapes: a TTY, and neither NO_COLOR nor --no-color (FORCE_COLOR forces it on). */
export function colorEnabled(io: Io, noColorFlag: boolean): boolean {
  if (noColorFlag || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "")) {
    return false;
  }
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") {
    return true;
  }
  return io.stdoutIsTTY && io.env.TERM !== "dumb";
}

const KEY = "\x1b[34m";
const STRING = "\x1b[32m";
const NUMBER = "\x1b[33m";
const LITERAL = "\x1b[35m";
const RESET = "\x1b[0m";

// One pass over JSON text: strings (a key when a colon follows), literals, numbers.
const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Colours JSON text as rich's print_json does (keys, strings, numbers, literals). */
export function colorJson(text: string): string {
  return text.replace(TOKEN, (match, string: string, colon: string, literal: string, number: string) => {
    if (string !== undefined) {
      return colon ? `${KEY}${string}${RESET}${colon}` : `${STRING}${string}${RESET}`;
    }
    if (literal !== undefined) {
      return `${LITERAL}${literal}${RESET}`;
    }
    return number !== undefined ? `${NUMBER}${number}${RESET}` : match;
  });
}

/** Wraps text in bold when colour is on (help headings, table headers). */
export function bold(text: string, on: boolean): string {
  return on ? `\x1b[1m${text}${RESET}` : text;
}

/** Dims text when colour is on. */
export function dim(text: string, on: boolean): string {
  return on ? `\x1b[2m${text}${RESET}` : text;
}
