// Generated from spec/openapi.yaml by `pnpm generate`; do not edit.
// Regenerate after changing the spec; CI runs `pnpm check:generated` and fails when this file is stale.

/** A JSON Schema node of a request body, annotations stripped; `$ref` names an entry of {@link schemas}. */
export interface SchemaNode {
  type?: "string" | "boolean" | "object" | "array";
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, SchemaNode>;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  items?: SchemaNode;
  $ref?: string;
}

/** A property that is one of several object shapes, told apart by the value of `key`. */
export interface VariantCheck {
  key: string;
  /** The branch used when the data has no `key`. */
  fallback?: string;
  /** The schema name of each branch, by its value of `key`. */
  schemas: Record<string, string>;
}

/** Operations whose request body is multipart. */
export type MultipartOperation = "createImage" | "createVersion" | "updateVersion";

/** The spec's schemas the request bodies refer to, by name. */
export const schemas: Record<string, SchemaNode> = {
  AutodeployResource: {"type":"object","required":["entityId","entityType"],"additionalProperties":false,"properties":{"entityId":{"type":"string","minLength":1},"entityType":{"type":"string","enum":["workflow","workspace","api","webapp"]}}},
  BuildArgument: {"type":"object","required":["name","value"],"additionalProperties":false,"properties":{"name":{"type":"string","minLength":1},"value":{"type":"string"}}},
  BuildDetailsPatch: {"type":"object","additionalProperties":false,"properties":{"source":{"type":"string","enum":["upload","github","dockerfile"]},"useCache":{"type":"boolean"},"buildArguments":{"type":"array","items":{"$ref":"BuildArgument"}},"secrets":{"type":"array","items":{"type":"string","minLength":1}},"context":{"type":"string"},"dockerfilePath":{"type":"string"},"repository":{"type":"string","minLength":1},"branch":{"type":"string","minLength":1},"token":{"type":"string"},"dockerfile":{"type":"string","minLength":1}}},
  DockerfileBuildDetails: {"type":"object","additionalProperties":false,"required":["source","dockerfile"],"properties":{"source":{"type":"string","const":"dockerfile"},"useCache":{"type":"boolean"},"buildArguments":{"type":"array","items":{"$ref":"BuildArgument"}},"secrets":{"type":"array","items":{"type":"string","minLength":1}},"dockerfile":{"type":"string","minLength":1}}},
  GithubBuildDetails: {"type":"object","additionalProperties":false,"required":["source","repository"],"properties":{"source":{"type":"string","const":"github"},"useCache":{"type":"boolean"},"buildArguments":{"type":"array","items":{"$ref":"BuildArgument"}},"secrets":{"type":"array","items":{"type":"string","minLength":1}},"repository":{"type":"string","minLength":1},"branch":{"type":"string","minLength":1},"token":{"type":"string"},"context":{"type":"string"},"dockerfilePath":{"type":"string"}}},
  ImageName: {"type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$"},
  ImageType: {"type":"string","enum":["workflow","workspace-r","workspace-python","api","webapp"]},
  SemanticVersion: {"type":"string","minLength":1,"maxLength":128,"pattern":"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$"},
  UploadBuildDetails: {"type":"object","additionalProperties":false,"properties":{"source":{"type":"string","const":"upload"},"useCache":{"type":"boolean"},"buildArguments":{"type":"array","items":{"$ref":"BuildArgument"}},"secrets":{"type":"array","items":{"type":"string","minLength":1}},"context":{"type":"string"},"dockerfilePath":{"type":"string"}}},
};

/** Per operation: the body's schema (the artifact left out), and the branches of each variant property. */
export const requestBodies: Record<MultipartOperation, { schema: SchemaNode; variants: Record<string, VariantCheck> }> = {
  createImage: {"schema":{"type":"object","required":["name","type"],"additionalProperties":false,"properties":{"name":{"$ref":"ImageName"},"type":{"$ref":"ImageType"},"description":{"type":"string"},"version":{"$ref":"SemanticVersion"},"buildDetails":{"type":"object"}}},"variants":{"buildDetails":{"key":"source","fallback":"upload","schemas":{"upload":"UploadBuildDetails","github":"GithubBuildDetails","dockerfile":"DockerfileBuildDetails"}}}},
  createVersion: {"schema":{"type":"object","additionalProperties":false,"properties":{"name":{"$ref":"ImageName"},"type":{"$ref":"ImageType"},"description":{"type":"string"},"version":{"$ref":"SemanticVersion"},"buildDetails":{"type":"object"},"autodeployResources":{"type":"array","items":{"$ref":"AutodeployResource"}}}},"variants":{"buildDetails":{"key":"source","fallback":"upload","schemas":{"upload":"UploadBuildDetails","github":"GithubBuildDetails","dockerfile":"DockerfileBuildDetails"}}}},
  updateVersion: {"schema":{"type":"object","additionalProperties":false,"properties":{"name":{"$ref":"ImageName"},"type":{"$ref":"ImageType"},"description":{"type":"string"},"version":{"$ref":"SemanticVersion"},"buildDetails":{"$ref":"BuildDetailsPatch"},"autodeployResources":{"type":"array","items":{"$ref":"AutodeployResource"}}}},"variants":{}},
};
