import { afterAll, expect } from "vitest";
import { sentResponses } from "./helpers.js";
import { responseProblems } from "./spec-check.js";

// Every response any emulator sent during this test file, checked against the spec's response schemas.
afterAll(() => {
  const failures = sentResponses.flatMap((r) => {
    const problems = responseProblems(r.operationId, r.status, r.body, r.headers);
    return problems.length === 0 ? [] : [{ method: r.method, path: r.path, status: r.status, problems }];
  });
  expect(failures).toEqual([]);
});
