import type { CreateImageRequest, CreateVersionRequest, UpdateVersionRequest } from "@peak-images/core";

/** The body of `createImage`: name and type required; the artifact travels in the options. */
export type CreateImageBody = Omit<CreateImageRequest, "artifact">;
/** The body of `createVersion`; `version` defaults to the next patch of the latest version. */
export type CreateVersionBody = Omit<CreateVersionRequest, "artifact">;
/** The body of `updateVersion`: `buildDetails` fields given replace the current ones; the version cannot change. */
export type UpdateVersionBody = Omit<UpdateVersionRequest, "artifact">;
/** The body of `createOrUpdateImageVersion`: a create-image body, sent whole on whichever call it resolves to. */
export type CreateOrUpdateBody = CreateImageBody;
