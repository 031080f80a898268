import type { SampleKind } from "./commands/images/_write.js";

// The sample input files `--generate` prints: the same variants as the Python CLI's sample_yaml folder
// (upload, github, dockerfile), in the format of its documentation. Values in {{ }} are template variables.

const UPLOAD = (
  fields: string,
) => `# Source "upload": the artifact folder is zipped (its ignore files applied) and uploaded.
# Usage: peak images <command> this.yaml -v params.yaml -p version=0.0.2
body:
${fields}  buildDetails:
    source: upload
    useCache: true
    buildArguments:
      - name: PARAM1
        value: param1
    secrets:
      - SECRET1
      - SECRET2
    context: .
    dockerfilePath: Dockerfile
artifact:
  path: .
  ignore_files:
    - .dockerignore
`;

const GITHUB = (fields: string) => `# Source "github": the service clones the repository (no artifact).
body:
${fields}  buildDetails:
    source: github
    repository: https://github.com/org/repo
    branch: main
    token: "{{ os_env.GITHUB_TOKEN }}"
    dockerfilePath: Dockerfile
    context: .
    useCache: true
    buildArguments:
      - name: PARAM1
        value: param1
`;

const DOCKERFILE = (fields: string) => `# Source "dockerfile": the Dockerfile is given inline (no artifact).
body:
${fields}  buildDetails:
    source: dockerfile
    dockerfile: |
      FROM nginx:1.27
      RUN echo "hello"
    useCache: true
`;

const FIELDS: Record<SampleKind, string> = {
  create_image: `  name: {{ image_name }}
  type: workflow
  version: {{ version }}
  description: Creating a new image
`,
  create_or_update_image: `  name: {{ image_name }}
  type: workflow
  version: {{ version }}
  description: Creating or updating an image version
`,
  create_image_version: `  version: {{ version }}
  description: A new version of the image
`,
  update_version: `  description: Updating a not-ready version
`,
};

/** The samples for a command: every variant, as separate YAML documents. */
export function samples(kind: SampleKind): string {
  const fields = FIELDS[kind];
  if (kind === "create_or_update_image") {
    return UPLOAD(fields);
  }
  return [UPLOAD(fields), GITHUB(fields), DOCKERFILE(fields)].join("---\n");
}
