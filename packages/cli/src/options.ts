import type { OptionSpec, PositionalSpec } from "./spec.js";

// Flag sets shared by several commands. Help strings follow the Python CLI's where it has one.

export const IMAGE_TYPES = ["workflow", "workspace-r", "workspace-python", "api", "webapp"] as const;
export const VERSION_STATUSES = ["not-ready", "ready", "in-use", "deleting", "delete-failed"] as const;
export const BUILD_STATUSES = ["building", "failed", "success", "stopped", "stopping"] as const;
export const SCOPES = ["global", "custom"] as const;

/** The global flags of commands that call the API. */
export const API_GLOBALS: readonly OptionSpec[] = [
  {
    name: "stage",
    type: "string",
    metavar: "STAGE",
    help: "Peak stage: prod (default), latest, or another stage name (default: $STAGE).",
  },
  {
    name: "base-url",
    type: "string",
    metavar: "URL",
    help: "Service root replacing the stage's, e.g. http://127.0.0.1:4010 (default: $PEAK_BASE_URL).",
  },
  {
    name: "dry-run",
    type: "boolean",
    help: "Print the request that would be sent (secrets as ***) and the artifact's files; send nothing.",
  },
  { name: "debug", type: "boolean", help: "Print the HTTP trace (redacted) and error stack traces on stderr." },
  { name: "no-color", type: "boolean", help: "No colours in the output (also NO_COLOR=1)." },
  { name: "paging", type: "boolean", help: "Accepted for the Python CLI's sake and ignored: pipe to a pager instead." },
  { name: "help", short: "h", type: "boolean", help: "Show this help." },
];

/** The global flags of commands that work on local files only. */
export const LOCAL_GLOBALS: readonly OptionSpec[] = [
  { name: "debug", type: "boolean", help: "Print error stack traces on stderr." },
  { name: "no-color", type: "boolean", help: "No colours in the output (also NO_COLOR=1)." },
  { name: "help", short: "h", type: "boolean", help: "Show this help." },
];

export const HELP_ONLY: readonly OptionSpec[] = [
  { name: "help", short: "h", type: "boolean", help: "Show this help." },
];

export const IMAGE_ID_ARG: PositionalSpec = {
  name: "IMAGE_ID",
  required: true,
  int: true,
  help: "ID of the image to be used in this operation.",
};
export const FILE_ARG: PositionalSpec = {
  name: "FILE",
  required: false,
  help: "YAML file (a Jinja template) with `body:` and `artifact:`.",
};

export const IMAGE_ID_OPT: OptionSpec = {
  name: "image-id",
  type: "string",
  int: true,
  required: true,
  metavar: "ID",
  help: "ID of the image to be used in this operation.",
};
export const VERSION_ID_OPT: OptionSpec = {
  name: "version-id",
  type: "string",
  int: true,
  required: true,
  metavar: "ID",
  help: "ID of the image version to be used in this operation.",
};
export const BUILD_ID_OPT: OptionSpec = {
  name: "build-id",
  type: "string",
  int: true,
  required: true,
  metavar: "ID",
  help: "ID of the image build to be used in this operation.",
};

export const PAGING: readonly OptionSpec[] = [
  { name: "page-size", type: "string", int: true, metavar: "N", help: "Number of items per page." },
  { name: "page-number", type: "string", int: true, metavar: "N", help: "The page to show (default 1)." },
];

const NAME: OptionSpec = { name: "name", type: "string", metavar: "NAME", help: "Name of the image." };
const TYPE: OptionSpec = {
  name: "type",
  type: "string",
  metavar: "TYPE",
  choices: IMAGE_TYPES,
  help: "Type of the image. Allowed values are 'workflow', 'workspace-r', 'workspace-python, 'api', 'webapp'.",
};
const VERSION: OptionSpec = {
  name: "version",
  type: "string",
  metavar: "SEMVER",
  help: "A valid semantic image version.",
};

/** `FILE` input, templating and body flags of create (minus what a command removes). */
function bodyOptions(omit: readonly string[]): OptionSpec[] {
  const all: OptionSpec[] = [
    { name: "file", type: "string", metavar: "FILE", help: "The YAML file, as an option (same as the FILE argument)." },
    { name: "params-file", short: "v", type: "string", metavar: "FILE", help: "YAML file of template variables." },
    {
      name: "params",
      short: "p",
      type: "string",
      multiple: true,
      metavar: "KEY=VALUE",
      help: "Template variable (repeatable); overrides the params file.",
    },
    NAME,
    VERSION,
    TYPE,
    { name: "description", type: "string", metavar: "TEXT", help: "Description of the image version." },
    {
      name: "artifact-path",
      type: "string",
      metavar: "PATH",
      help: "Path to the artifact. Relative paths (here and in the YAML) are from the current folder, as in peak-sdk.",
    },
    {
      name: "artifact-ignore-files",
      type: "string",
      multiple: true,
      metavar: "FILE",
      help: "Ignore files to use when creating artifact.",
    },
    {
      name: "build-details",
      type: "string",
      metavar: "JSON",
      help: "Build details of the image. To be passed in stringified json format.",
    },
    {
      name: "source",
      type: "string",
      metavar: "SOURCE",
      choices: ["github", "dockerfile", "upload"],
      help: "The source via which the image is to be created. Allowed values are 'github', 'dockerfile' and 'upload'.",
    },
    { name: "dockerfile", type: "string", metavar: "TEXT", help: "The dockerfile to be used to create the image." },
    { name: "dockerfile-path", type: "string", metavar: "PATH", help: "Path to the dockerfile." },
    {
      name: "context",
      type: "string",
      metavar: "PATH",
      help: "The path within the artifact to the code to be executed by the Dockerfile.",
    },
    { name: "repository", type: "string", metavar: "URL", help: "When source is github, the repository URL." },
    { name: "branch", type: "string", metavar: "NAME", help: "When source is github, the branch to build." },
    { name: "token", type: "string", metavar: "TOKEN", help: "When source is github, a token to read the repository." },
    { name: "use-cache", type: "boolean", help: "Whether to enable image caching to reduce build time." },
    { name: "no-use-cache", type: "boolean", help: "Build without the image cache (sent as useCache: false)." },
    {
      name: "build-arguments",
      type: "string",
      multiple: true,
      metavar: "NAME=VALUE",
      help: "List of build arguments in the format arg1=value1.",
    },
    {
      name: "secrets",
      type: "string",
      multiple: true,
      commaSplit: true,
      metavar: "NAMES",
      help: "List of secret names to be passed as build arguments.",
    },
    { name: "generate", type: "boolean", help: "Print sample YAML files of each variant and exit." },
    { name: "skip-preflight", type: "boolean", help: "Upload even when the Dockerfile check finds a problem." },
    { name: "wait", type: "boolean", help: "Wait for the build; exit 1 with the last log lines if it fails." },
    { name: "follow", type: "boolean", help: "Stream the build log on stderr while waiting (implies --wait)." },
    {
      name: "max-wait",
      type: "string",
      int: true,
      metavar: "SECONDS",
      help: "Give up waiting after this long (default 1800).",
    },
  ];
  return all.filter((option) => !omit.includes(option.name));
}

export const CREATE_OPTIONS = bodyOptions([]);
export const CREATE_VERSION_OPTIONS = bodyOptions(["name", "type"]);
export const UPDATE_VERSION_OPTIONS = [IMAGE_ID_OPT, VERSION_ID_OPT, ...bodyOptions(["name", "type", "version"])];

const STATUS: OptionSpec = {
  name: "status",
  type: "string",
  multiple: true,
  commaSplit: true,
  choices: VERSION_STATUSES,
  metavar: "STATUS",
  help: `Status of the latest version: ${VERSION_STATUSES.join(", ")} (repeatable, comma-separated).`,
};
const LAST_BUILD_STATUS: OptionSpec = {
  name: "last-build-status",
  type: "string",
  multiple: true,
  commaSplit: true,
  choices: BUILD_STATUSES,
  metavar: "STATUS",
  help: `Status of the last build: ${BUILD_STATUSES.join(", ")} (repeatable, comma-separated).`,
};
const TAGS: OptionSpec = {
  name: "tags",
  type: "string",
  multiple: true,
  commaSplit: true,
  metavar: "TAGS",
  help: "Tag names (repeatable, comma-separated).",
};

export const LIST_OPTIONS: readonly OptionSpec[] = [
  ...PAGING,
  { name: "name", type: "string", metavar: "TEXT", help: "Search term matched against image names and versions." },
  STATUS,
  {
    name: "scope",
    type: "string",
    multiple: true,
    commaSplit: true,
    choices: SCOPES,
    metavar: "SCOPE",
    help: "global (Peak's) or custom images (repeatable, comma-separated).",
  },
  LAST_BUILD_STATUS,
  TAGS,
];

export const LIST_VERSIONS_OPTIONS: readonly OptionSpec[] = [
  ...PAGING,
  { name: "version", type: "string", metavar: "TEXT", help: "Search term matched against versions." },
  { ...STATUS, help: `Status of the version: ${VERSION_STATUSES.join(", ")} (repeatable, comma-separated).` },
  LAST_BUILD_STATUS,
  TAGS,
];

export const LIST_BUILDS_OPTIONS: readonly OptionSpec[] = [
  {
    name: "count",
    type: "string",
    metavar: "N",
    help: "Number of builds required (-1, the default: all; write --count=-1).",
  },
  {
    name: "version-ids",
    type: "string",
    multiple: true,
    commaSplit: true,
    int: true,
    metavar: "IDS",
    help: "Only builds of these version ids (repeatable, comma-separated).",
  },
  {
    name: "build-status",
    type: "string",
    multiple: true,
    commaSplit: true,
    choices: BUILD_STATUSES,
    metavar: "STATUS",
    help: `Build status: ${BUILD_STATUSES.join(", ")} (repeatable, comma-separated).`,
  },
  {
    name: "date-from",
    type: "string",
    metavar: "ISO",
    help: "Builds started at or after this date (default: 90 days ago).",
  },
  { name: "date-to", type: "string", metavar: "ISO", help: "Builds started at or before this date (default: now)." },
  ...PAGING,
];

export const WAIT_OPTIONS: readonly OptionSpec[] = [
  { ...IMAGE_ID_OPT },
  { ...BUILD_ID_OPT },
  { name: "follow", type: "boolean", help: "Stream the build log on stderr while waiting." },
  { name: "max-wait", type: "string", int: true, metavar: "SECONDS", help: "Give up after this long (default 1800)." },
];

export const IGNORE_FILE_OPT: OptionSpec = {
  name: "ignore-file",
  type: "string",
  multiple: true,
  metavar: "FILE",
  help: "Ignore file, named relative to PATH and at its root (repeatable; default .dockerignore when it exists).",
};
