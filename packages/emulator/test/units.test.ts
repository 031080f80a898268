import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../src/cli.js";
import { mergeBuildDetails, nextPatch, withDefaults } from "../src/domain/bodies.js";
import { FaultInjector, mulberry32 } from "../src/http/faults.js";
import { OptionError, resolveOptions } from "../src/options.js";

describe("parseCliArgs", () => {
  it("maps every flag of the issue onto the options", () => {
    const command = parseCliArgs([
      "--port",
      "0",
      "--host",
      "0.0.0.0",
      "--api-key",
      "k",
      "--build-ms",
      "10",
      "--max-artifact-mb",
      "2.5",
      "--fault-rate",
      "0.1",
      "--latency-ms",
      "5",
      "--seed",
      "9",
      "--seed-images",
      "100",
    ]);
    expect(command).toEqual({
      kind: "start",
      options: {
        port: 0,
        host: "0.0.0.0",
        apiKey: "k",
        buildMs: 10,
        maxArtifactMb: 2.5,
        faultRate: 0.1,
        latencyMs: 5,
        seed: 9,
        seedImages: 100,
      },
    });
  });

  it("defaults the bin's port to 4010 and refuses bad input", () => {
    expect(parseCliArgs([])).toEqual({ kind: "start", options: { port: 4010 } });
    expect(() => parseCliArgs(["--seed-images", "-1"])).toThrow(OptionError);
    expect(() => parseCliArgs(["--build-ms", ""])).toThrow(OptionError);
    expect(() => parseCliArgs(["extra"])).toThrow(OptionError);
    expect(() => resolveOptions({ apiKey: "" })).toThrow(OptionError);
  });
});

describe("faults", () => {
  it("mulberry32 is reproducible and in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("hits about the asked rate", () => {
    const faults = new FaultInjector(0.2, 1);
    const hits = Array.from({ length: 5000 }, () => faults.decide()).filter((f) => f !== undefined).length;
    expect(hits / 5000).toBeGreaterThan(0.17);
    expect(hits / 5000).toBeLessThan(0.23);
  });
});

describe("request bodies", () => {
  it("numbers the next version as the next patch of the latest, skipping taken ones", () => {
    expect(nextPatch([])).toBe("0.0.1");
    expect(nextPatch(["1.2.3-python3.12"])).toBe("1.2.4");
    // The latest is the last created; 0.0.2 is taken, so 0.0.1 + 1 moves on to 0.0.3.
    expect(nextPatch(["0.0.2", "0.0.1"])).toBe("0.0.3");
    expect(nextPatch(["not-semver"])).toBe("0.0.1");
  });

  it("fills the service's build defaults and merges updates onto the current details", () => {
    expect(withDefaults(undefined)).toEqual({
      source: "upload",
      useCache: true,
      context: ".",
      dockerfilePath: "Dockerfile",
    });
    expect(withDefaults({ source: "dockerfile", dockerfile: "FROM a" })).toEqual({
      source: "dockerfile",
      useCache: true,
      dockerfile: "FROM a",
    });
    const current = withDefaults({ useCache: false, context: "app", secrets: ["S"] });
    expect(mergeBuildDetails(current, { dockerfilePath: "Dockerfile.dev" })).toEqual({
      ...current,
      dockerfilePath: "Dockerfile.dev",
    });
    expect(mergeBuildDetails(current, { source: "github", repository: "r" })).toEqual({
      source: "github",
      useCache: false,
      repository: "r",
    });
    expect(mergeBuildDetails(current, undefined)).toEqual(current);
  });
});
