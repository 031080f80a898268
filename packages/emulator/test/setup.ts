import { afterAll, afterEach, expect } from "vitest";
import { escapedErrors, sentResponses } from "./helpers.js";
import { responseProblems } from "./spec-check.js";

// Nothing a test did may have escaped to the process: the emulator outlives any request.
afterEach(() => {
  expect(escapedErrors.splice(0)).toEqual([]);
});

// Every response any emulator sent during this test file, checked against the spec's response schemas.
afterAll(() => {
  const failures = sentResponses.flatMap((r) => {
    const problems = responseProblems(r.operationId, r.status, r.body, r.headers);
    return problems.length === 0 ? [] : [{ method: r.method, path: r.path, status: r.status, problems }];
  });
  expect(failures).toEqual([]);
});
