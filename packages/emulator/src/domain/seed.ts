import type { ImageType, Tag } from "@peak-images/core";
import type { BuildPlan } from "../build/build-log.js";
import type { BuildRuns } from "./build-runs.js";
import { emulatorUser } from "./records.js";
import type { State } from "./state.js";

const types: ImageType[] = ["workflow", "workspace-python", "workspace-r", "api", "webapp"];
const tagSets: Tag[][] = [
  [{ name: "python", color: "#3776ab" }],
  [{ name: "r", color: "#276dc3" }],
  [{ name: "python", color: "#3776ab" }, { name: "stable" }],
  [],
];

function seededPlan(version: string, ok: boolean): BuildPlan {
  const lines = [
    `Seeded build of ${version} (source upload, context ., Dockerfile Dockerfile)`,
    "Step 1/3 : FROM python:3.12-slim",
    "Step 2/3 : COPY requirements.txt .",
  ];
  if (!ok) {
    return {
      lines: [...lines, "Build failed: Step 2/3: COPY source requirements.txt not found in the artifact"],
      outcome: "failed",
    };
  }
  return { lines: [...lines, "Step 3/3 : RUN pip install -r requirements.txt", "Build succeeded"], outcome: "success" };
}

/**
 * Pre-creates `count` images, deterministic apart from the clock: image i is `seed-image-<i>`, has 1 to 3
 * versions (`1.0.0`, `1.0.1`, ...), a type, scope, tags and statuses that cycle with i, and one finished build per
 * version. Timestamps step back one minute per image from `now`, so all builds sit inside the default 90 days.
 */
export function seedImages(state: State, runs: BuildRuns, count: number, now: number): void {
  for (let i = 1; i <= count; i++) {
    const created = now - (count - i + 1) * 60_000;
    const image = state.addImage(
      {
        name: `seed-image-${String(i).padStart(5, "0")}`,
        type: types[i % types.length] ?? "workflow",
        scope: i % 10 === 0 ? "global" : "custom",
        description: `Seeded image number ${i}`,
        createdBy: emulatorUser,
        updatedBy: emulatorUser,
      },
      created,
    );
    const versionCount = 1 + (i % 3);
    for (let v = 0; v < versionCount; v++) {
      const at = created + v * 1000;
      const version = state.addVersion(
        image,
        {
          version: `1.0.${v}`,
          createdBy: emulatorUser,
          updatedBy: emulatorUser,
          tags: (tagSets[(i + v) % tagSets.length] ?? []).map((t) => ({ ...t })),
          buildDetails: { source: "upload", useCache: true, context: ".", dockerfilePath: "Dockerfile" },
        },
        at,
      );
      // Every seventh image's latest build failed; its other builds succeeded.
      const ok = !(i % 7 === 0 && v === versionCount - 1);
      // Seeded builds took 500 ms, long ago: they are finished, with their log lines spread over that time.
      runs.start(version, seededPlan(version.version, ok), 0, at, 500);
      // Every fourth image has its first version in use, for status filters.
      if (ok && v === 0 && i % 4 === 0) {
        version.status = "in-use";
      }
    }
  }
}
