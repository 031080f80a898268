import type { AutodeployResource, BuildDetailsPatch, ImageType } from "@peak-images/core";
import type { Operation } from "../spec/operations.js";
import { describeProblems } from "../spec/problems.js";
import type { SpecValidator } from "../spec/validator.js";
import { ApiError, badRequest } from "./errors.js";
import type { ImageRecord, StoredBuildDetails } from "./records.js";

/** The multipart text fields of a create or update call, by name. */
export type TextFields = ReadonlyMap<string, string>;

/**
 * The JSON body of a create or update call, once its multipart fields are parsed and validated: the union of the
 * three request schemas, `buildDetails` read loosely as a patch (create's `BuildDetailsInput` is one of its shapes).
 */
export interface RequestBody {
  name?: string;
  type?: ImageType;
  description?: string;
  version?: string;
  buildDetails?: BuildDetailsPatch;
  autodeployResources?: AutodeployResource[];
}

/** Turns multipart text fields into the JSON body the schema describes (JSON-encoded fields parsed), validated. */
export function readBody(validator: SpecValidator, operation: Operation, fields: TextFields | undefined): RequestBody {
  if (operation.body === undefined || fields === undefined) {
    throw badRequest("body", "must be multipart/form-data");
  }
  const body: Record<string, unknown> = {};
  for (const [name, text] of fields) {
    if (operation.body.jsonFields.has(name)) {
      try {
        body[name] = JSON.parse(text);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw badRequest(`body.${name}`, `must be JSON text (${why})`);
      }
    } else {
      body[name] = text;
    }
  }
  const problems = validator.checkBody(operation, body);
  if (problems.length > 0) {
    throw new ApiError(400, describeProblems(problems), problems);
  }
  return body as RequestBody;
}

/** The service's defaults: source `upload`, cache on, context `.` and `Dockerfile` for file-based sources. */
export function withDefaults(details: BuildDetailsPatch | undefined): StoredBuildDetails {
  const source = details?.source ?? "upload";
  const out: StoredBuildDetails = { ...details, source, useCache: details?.useCache ?? true };
  if (source !== "dockerfile") {
    out.context = details?.context ?? ".";
    out.dockerfilePath = details?.dockerfilePath ?? "Dockerfile";
  }
  return out;
}

/**
 * An update's buildDetails over the current ones: omitted fields keep their values, and a different `source`
 * starts from that source alone (fields of the old source would not fit the new one).
 */
export function mergeBuildDetails(
  current: StoredBuildDetails,
  patch: BuildDetailsPatch | undefined,
): BuildDetailsPatch {
  const changes = patch ?? {};
  const base: BuildDetailsPatch =
    changes.source !== undefined && changes.source !== current.source
      ? { source: changes.source, useCache: current.useCache }
      : current;
  return { ...base, ...changes };
}

/** The next patch of the latest version (`1.2.3-x` -> `1.2.4`), skipping versions already taken. */
export function nextPatch(versions: string[]): string {
  const taken = new Set(versions);
  const latest = versions[versions.length - 1];
  const match = latest === undefined ? null : /^(\d+)\.(\d+)\.(\d+)/.exec(latest);
  const [major, minor] = match === null ? [0, 0] : [Number(match[1]), Number(match[2])];
  let patch = match === null ? 0 : Number(match[3]);
  let candidate: string;
  do {
    patch += 1;
    candidate = `${major}.${minor}.${patch}`;
  } while (taken.has(candidate));
  return candidate;
}

/**
 * Version calls accept `name` and `type` (the Python SDK's create-or-update sends the whole body) but they must be
 * the image's: a mismatch is well formed but cannot apply to this image, hence 422 rather than 400.
 */
export function checkSameImage(body: RequestBody, image: ImageRecord): void {
  if (body.name !== undefined && body.name !== image.name) {
    throw new ApiError(422, `body.name: ${body.name} is not the name of image ${image.id} (${image.name})`, [
      { path: "body.name", message: `must be the image's name (${image.name})` },
    ]);
  }
  if (body.type !== undefined && body.type !== image.type) {
    throw new ApiError(422, `body.type: ${body.type} is not the type of image ${image.id} (${image.type})`, [
      { path: "body.type", message: `must be the image's type (${image.type})` },
    ]);
  }
}
