export type { Io } from "./context.js";
export { EXIT, PreflightError, TemplateError, UsageError } from "./errors.js";
export { type MainOptions, main } from "./main.js";
export { VERSION } from "./version.js";
