import type { ImagesApi } from "@peak-images/core";
import type { Session } from "../session.js";
import type { ArtifactSource } from "./artifact-source.js";

/** What every method needs: the session (settings and core client) and how this runtime turns artifacts into files. */
export interface ClientContext {
  session: Session;
  api: ImagesApi;
  artifacts: ArtifactSource;
}
