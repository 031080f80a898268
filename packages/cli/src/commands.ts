import {
  API_GLOBALS,
  BUILD_ID_OPT,
  CREATE_OPTIONS,
  CREATE_VERSION_OPTIONS,
  FILE_ARG,
  HELP_ONLY,
  IGNORE_FILE_OPT,
  IMAGE_ID_ARG,
  IMAGE_ID_OPT,
  LIST_BUILDS_OPTIONS,
  LIST_OPTIONS,
  LIST_VERSIONS_OPTIONS,
  LOCAL_GLOBALS,
  UPDATE_VERSION_OPTIONS,
  VERSION_ID_OPT,
  WAIT_OPTIONS,
} from "./options.js";
import type { CommandSpec, GroupSpec, OptionSpec } from "./spec.js";

// The command table: names, arguments, flags, help and examples of every command. Help, parsing and the shell
// completion scripts are all generated from it; each command's code is loaded only when it runs.

export const GROUPS: readonly GroupSpec[] = [
  {
    name: "images",
    summary: "Create and manage Images.",
    description: "Create Docker images that Workflows, Workspaces, and other services use.",
  },
  {
    name: "artifact",
    summary: "List, zip and check a build context as it would be uploaded.",
    description:
      "Work on a build context folder locally: the files peak-sdk would upload (ignore files applied), the zip itself, and a check that the Dockerfile and every COPY/ADD source are in it.",
  },
];

const API_OUTPUTS = ["json", "yaml"] as const;
const LIST_OUTPUTS = ["json", "yaml", "table"] as const;
const NO_FILE_IMAGE_ID = { ...IMAGE_ID_ARG };

const cmd = (spec: CommandSpec): CommandSpec => spec;

export const COMMANDS: readonly CommandSpec[] = [
  cmd({
    path: ["images", "create"],
    summary: "Create a new image and its first version, and start the build.",
    positionals: [FILE_ARG],
    options: CREATE_OPTIONS,
    outputs: API_OUTPUTS,
    globals: "api",
    examples: [
      "peak images create image.yaml -v params.yaml",
      "peak images create image.yaml -p version=0.0.2 --wait --follow",
      "peak images create --name my-image --type workflow --source dockerfile --dockerfile 'FROM nginx'",
      "peak images create image.yaml --dry-run",
      "peak images create --generate > image.yaml",
    ],
    load: () => import("./commands/images/create.js"),
  }),
  cmd({
    path: ["images", "create-version"],
    summary: "Create a new version of an image, and start its build.",
    positionals: [IMAGE_ID_ARG, FILE_ARG],
    options: CREATE_VERSION_OPTIONS,
    outputs: API_OUTPUTS,
    globals: "api",
    examples: [
      "peak images create-version 101 version.yaml -v params.yaml",
      "peak images create-version 101 --version 0.0.2 --source dockerfile --dockerfile 'FROM nginx' --wait",
    ],
    load: () => import("./commands/images/create-version.js"),
  }),
  cmd({
    path: ["images", "create-or-update"],
    summary: "Update the version if it exists, else create the version, else create the image.",
    description:
      "Names and versions must match exactly, across every page of the search (peak-sdk reads one page). With --dry-run the image and version are looked up with read-only GET calls; nothing is created or changed.",
    positionals: [FILE_ARG],
    options: CREATE_OPTIONS,
    outputs: API_OUTPUTS,
    globals: "api",
    examples: [
      "peak images create-or-update image.yaml -v params.yaml",
      "peak images create-or-update image.yaml -p version=0.0.3 --wait",
    ],
    load: () => import("./commands/images/create-or-update.js"),
  }),
  cmd({
    path: ["images", "update-version"],
    summary: "Update a not-ready version and start a new build.",
    positionals: [FILE_ARG],
    options: UPDATE_VERSION_OPTIONS,
    outputs: API_OUTPUTS,
    globals: "api",
    examples: [
      "peak images update-version --image-id 101 --version-id 201 version.yaml -v params.yaml",
      "peak images update-version --image-id 101 --version-id 201 --no-use-cache --wait",
    ],
    load: () => import("./commands/images/update-version.js"),
  }),
  cmd({
    path: ["images", "list"],
    summary: "List images (one page).",
    positionals: [],
    options: LIST_OPTIONS,
    outputs: LIST_OUTPUTS,
    globals: "api",
    examples: [
      "peak images list --page-size 10 --page-number 1",
      "peak images list --status ready,in-use --scope custom -o table",
      "peak images list --name my-image -o yaml",
    ],
    load: () => import("./commands/images/list.js"),
  }),
  cmd({
    path: ["images", "list-versions"],
    summary: "List the versions of an image (one page).",
    positionals: [IMAGE_ID_ARG],
    options: LIST_VERSIONS_OPTIONS,
    outputs: LIST_OUTPUTS,
    globals: "api",
    examples: ["peak images list-versions 101 --page-size 10", "peak images list-versions 101 --status ready -o table"],
    load: () => import("./commands/images/list-versions.js"),
  }),
  cmd({
    path: ["images", "describe"],
    summary: "Describe an image and its latest version.",
    positionals: [NO_FILE_IMAGE_ID],
    options: [],
    outputs: API_OUTPUTS,
    globals: "api",
    examples: ["peak images describe 101", "peak images describe 101 -o yaml"],
    load: () => import("./commands/images/describe.js"),
  }),
  cmd({
    path: ["images", "describe-version"],
    summary: "Describe a version of an image.",
    positionals: [],
    options: [IMAGE_ID_OPT, VERSION_ID_OPT],
    outputs: API_OUTPUTS,
    globals: "api",
    examples: ["peak images describe-version --image-id 101 --version-id 201"],
    load: () => import("./commands/images/describe-version.js"),
  }),
  cmd({
    path: ["images", "delete"],
    summary: "Delete an image and all its versions.",
    positionals: [NO_FILE_IMAGE_ID],
    options: [],
    outputs: API_OUTPUTS,
    globals: "api",
    examples: ["peak images delete 101", "peak images delete 101 --dry-run"],
    load: () => import("./commands/images/delete.js"),
  }),
  cmd({
    path: ["images", "delete-version"],
    summary: "Delete a version of an image.",
    positionals: [],
    options: [IMAGE_ID_OPT, VERSION_ID_OPT],
    outputs: API_OUTPUTS,
    globals: "api",
    examples: ["peak images delete-version --image-id 101 --version-id 201"],
    load: () => import("./commands/images/delete-version.js"),
  }),
  cmd({
    path: ["images", "delete-versions"],
    summary: "Delete several versions of an image (all or nothing).",
    positionals: [],
    options: [
      IMAGE_ID_OPT,
      {
        name: "version-ids",
        type: "string",
        multiple: true,
        commaSplit: true,
        int: true,
        required: true,
        metavar: "IDS",
        help: "List of version ids to delete.",
      },
    ],
    outputs: API_OUTPUTS,
    globals: "api",
    examples: ["peak images delete-versions --image-id 101 --version-ids 201,202 --version-ids 203"],
    load: () => import("./commands/images/delete-versions.js"),
  }),
  cmd({
    path: ["images", "list-builds"],
    summary: "List the builds of an image, newest first (one page).",
    positionals: [IMAGE_ID_ARG],
    options: LIST_BUILDS_OPTIONS,
    outputs: LIST_OUTPUTS,
    globals: "api",
    examples: [
      "peak images list-builds 101 --count=-1 --build-status failed -o table",
      "peak images list-builds 101 --date-from 2024-01-01T00:00:00Z --version-ids 201,202",
    ],
    load: () => import("./commands/images/list-builds.js"),
  }),
  cmd({
    path: ["images", "get-build-logs"],
    summary: "Show, follow or save the log of a build.",
    description:
      "Without flags: one page of the log as JSON (pass --next-token for the next). --follow prints every line as `YYYY/MM/DD HH:MM:SS: message` until the build ends, backing off between polls. --save writes the whole log to a file.",
    positionals: [],
    options: [
      IMAGE_ID_OPT,
      BUILD_ID_OPT,
      { name: "next-token", type: "string", metavar: "TOKEN", help: "The nextToken of the previous page." },
      { name: "follow", type: "boolean", help: "Print new log lines until the build ends." },
      { name: "save", type: "boolean", help: "Save the whole log to a file." },
      {
        name: "file-name",
        type: "string",
        metavar: "FILE",
        help: "File to save to (default image_build_logs_<image>_<build>.log).",
      },
    ],
    outputs: API_OUTPUTS,
    globals: "api",
    examples: [
      "peak images get-build-logs --image-id 101 --build-id 1",
      "peak images get-build-logs --image-id 101 --build-id 1 --follow",
      "peak images get-build-logs --image-id 101 --build-id 1 --save --file-name build.log",
    ],
    load: () => import("./commands/images/get-build-logs.js"),
  }),
  cmd({
    path: ["images", "wait"],
    summary: "Wait for a build to end; exit 1 with the last log lines if it failed.",
    positionals: [],
    options: WAIT_OPTIONS,
    outputs: API_OUTPUTS,
    globals: "api",
    examples: ["peak images wait --image-id 101 --build-id 1", "peak images wait --image-id 101 --build-id 1 --follow"],
    load: () => import("./commands/images/wait.js"),
  }),
  cmd({
    path: ["artifact", "ls"],
    summary: "List the files that would be uploaded, one per line.",
    positionals: [{ name: "PATH", required: true, help: "The build context folder." }],
    options: [IGNORE_FILE_OPT],
    outputs: [],
    globals: "local",
    examples: ["peak artifact ls .", "peak artifact ls app --ignore-file .dockerignore --ignore-file .gitignore"],
    load: () => import("./commands/artifact/ls.js"),
  }),
  cmd({
    path: ["artifact", "zip"],
    summary: "Write the zip that would be uploaded.",
    positionals: [{ name: "PATH", required: true, help: "The build context folder." }],
    options: [
      { name: "output", short: "o", type: "string", required: true, metavar: "OUT", help: "Where to write the zip." },
      IGNORE_FILE_OPT,
      {
        name: "max-bytes",
        type: "string",
        int: true,
        metavar: "BYTES",
        help: "Largest zip allowed (default 10485760, as peak-sdk).",
      },
    ],
    outputs: [],
    globals: "local",
    examples: ["peak artifact zip . -o artifact.zip"],
    load: () => import("./commands/artifact/zip.js"),
  }),
  cmd({
    path: ["artifact", "check"],
    summary: "Check that the Dockerfile and every COPY/ADD source will be in the upload.",
    description:
      "Exit 1 when something is missing, naming the ignore-file line that excluded it and the `!` line that re-includes it.",
    positionals: [{ name: "PATH", required: true, help: "The build context folder." }],
    options: [
      {
        name: "dockerfile-path",
        type: "string",
        metavar: "PATH",
        help: "Dockerfile path within the context (default Dockerfile).",
      },
      { name: "context", type: "string", metavar: "PATH", help: "Build context within PATH (default .)." },
      IGNORE_FILE_OPT,
    ],
    outputs: ["json", "yaml"],
    globals: "local",
    examples: ["peak artifact check .", "peak artifact check app --dockerfile-path docker/Dockerfile -o json"],
    load: () => import("./commands/artifact/check.js"),
  }),
  cmd({
    path: ["completion"],
    summary: "Print a shell completion script (bash, zsh or fish).",
    positionals: [{ name: "SHELL", required: true, choices: ["bash", "zsh", "fish"], help: "bash, zsh or fish." }],
    options: [],
    outputs: [],
    globals: "none",
    examples: [
      "peak completion bash > /etc/bash_completion.d/peak",
      "peak completion zsh > ~/.zfunc/_peak   # a folder listed in $fpath",
      "peak completion fish > ~/.config/fish/completions/peak.fish",
    ],
    load: () => import("./commands/completion.js"),
  }),
];

/** Every flag a command accepts: its own, `-o/--output` when it has formats, and the global ones. */
export function allOptions(spec: CommandSpec): OptionSpec[] {
  const globals = spec.globals === "api" ? API_GLOBALS : spec.globals === "local" ? LOCAL_GLOBALS : HELP_ONLY;
  const output: OptionSpec[] =
    spec.outputs.length > 0
      ? [
          {
            name: "output",
            short: "o",
            type: "string",
            choices: spec.outputs,
            metavar: "FORMAT",
            help: `Output format: ${spec.outputs.join(", ")} (default ${spec.outputs[0]}).`,
          },
        ]
      : [];
  return [...spec.options, ...output, ...globals];
}
