export type { CopyFlag, CopyInstruction, CopySource, CopySourceKind } from "./copy.js";
export { isGlob, type SourcePattern, segmentMatcher, sourcePattern } from "./glob.js";
export { type DockerfileStep, parseDockerfile } from "./parse.js";
export { type ContextIndex, joinInside, sourceExists } from "./paths.js";
