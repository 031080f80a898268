// What the Python peak-sdk sends, byte for byte where it matters (reference/peak-sdk-behaviour.md §2, §5, §12).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base, key, raw, sampleZip, start } from "./helpers.js";

/** Python's json.dumps with its default ", " and ": " separators (enough for the values used here). */
function pyJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(pyJson).join(", ")}]`;
  }
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pyJson(v)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** requests_toolbelt's MultipartEncoder layout: uuid4().hex boundary, CRLF, text parts without Content-Type. */
function pythonMultipart(
  body: Record<string, unknown>,
  artifact: Buffer | undefined,
  artifactFirst: boolean,
): { contentType: string; payload: Buffer } {
  const boundary = randomUUID().replace(/-/g, "");
  const parts: Buffer[] = [];
  const filePart = () => {
    if (artifact !== undefined) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="artifact"; filename="artifact.zip"\r\n` +
            "Content-Type: application/zip\r\n\r\n",
        ),
        artifact,
        Buffer.from("\r\n"),
      );
    }
  };
  if (artifactFirst) {
    filePart();
  }
  for (const [name, value] of Object.entries(body)) {
    const text = typeof value === "string" ? value : pyJson(value);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${text}\r\n`));
  }
  if (!artifactFirst) {
    filePart();
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, payload: Buffer.concat(parts) };
}

const pythonHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  "User-Agent": "peak/1.20.0 CPython/3.11.2 Linux/6.1.0",
  Accept: "*/*",
  Authorization: key,
  "x-peak-sdkVersion": "1.20.0",
  "x-peak-os": "Linux",
  "x-peak-hostname": "laptop",
  "x-peak-pythonVersion": "3.11.2",
  "x-peak-sessionId": randomUUID(),
  "x-peak-requestId": randomUUID(),
  ...extra,
});

/** A JSON call as the Python SDK makes it: Content-Type application/json and the body `{}`, GET and DELETE too. */
function pythonJson(emu: Awaited<ReturnType<typeof start>>, method: string, path: string) {
  return raw(emu, {
    method,
    path: `${base}${path}`,
    headers: pythonHeaders({ "Content-Type": "application/json", "Content-Length": "2" }),
    body: "{}",
  });
}

describe("the Python client's requests", () => {
  for (const artifactFirst of [true, false]) {
    it(`creates with the artifact part ${artifactFirst ? "first (2026 client)" : "last (2023 client)"}`, async () => {
      const emu = await start();
      const body = {
        name: "py-image",
        type: "workflow",
        version: "0.0.1-python3.12",
        description: "from python",
        buildDetails: { source: "upload", useCache: false, buildArguments: [{ name: "A", value: "1" }], context: "." },
      };
      const { contentType, payload } = pythonMultipart(body, sampleZip(), artifactFirst);
      // The trailing slash is the Python SDK's route.
      const answer = await raw(emu, {
        method: "POST",
        path: `${base}/images/`,
        headers: pythonHeaders({ "Content-Type": contentType, "Content-Length": String(payload.length) }),
        body: payload,
      });
      expect(answer.status).toBe(201);
      const created = JSON.parse(answer.text);
      const described = JSON.parse((await pythonJson(emu, "GET", `/images/${created.imageId}`)).text);
      expect(described.latestVersion).toMatchObject({
        version: "0.0.1-python3.12",
        status: "ready",
        buildDetails: { source: "upload", useCache: false, buildArguments: [{ name: "A", value: "1" }] },
      });
      const recorded = emu.requests().find((r) => r.method === "POST");
      const textFields = ["name", "type", "version", "description", "buildDetails"];
      expect(recorded?.fields).toEqual(artifactFirst ? ["artifact", ...textFields] : [...textFields, "artifact"]);
      expect(recorded?.path).toBe(`${base}/images/`);
      expect(recorded?.headers.authorization).toBe("[REDACTED]");
      expect(recorded?.headers["x-peak-sdkversion"]).toBe("1.20.0");
      expect(JSON.stringify(emu.requests())).not.toContain(key);
    });
  }

  it("accepts GET and DELETE with a `{}` JSON body, on /images/ and on item paths", async () => {
    const emu = await start();
    const { contentType, payload } = pythonMultipart({ name: "py", type: "api" }, sampleZip(), true);
    await raw(emu, {
      method: "POST",
      path: `${base}/images/`,
      headers: pythonHeaders({ "Content-Type": contentType, "Content-Length": String(payload.length) }),
      body: payload,
    });
    const list = await pythonJson(emu, "GET", "/images/?pageSize=25&status=ready&status=not-ready");
    expect(list.status).toBe(200);
    expect(JSON.parse(list.text)).toMatchObject({ imageCount: 1, images: [{ name: "py" }] });
    const builds = await pythonJson(emu, "GET", "/images/1/builds?pageSize=25&count=-1&buildStatus=success");
    expect(JSON.parse(builds.text)).toMatchObject({ buildCount: 1 });
    const logs = await pythonJson(emu, "GET", "/images/1/builds/1/logs");
    const token = JSON.parse(logs.text).nextToken as string;
    // Python requests percent-encodes `/` in query values.
    const next = await pythonJson(emu, "GET", `/images/1/builds/1/logs?nextToken=${encodeURIComponent(token)}`);
    expect(next.status).toBe(200);
    const recorded = emu.requests().find((r) => r.path.endsWith("/builds"));
    expect(recorded?.query).toEqual({ pageSize: "25", count: "-1", buildStatus: "success" });
    const deleted = await pythonJson(emu, "DELETE", "/images/1/versions/?versionIds=1");
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe("{}");
    expect((await pythonJson(emu, "DELETE", "/images/1/")).status).toBe(200);
    expect((await pythonJson(emu, "GET", "/images/1")).status).toBe(404);
  });

  it("accepts update calls that repeat name, type and version, as create-or-update sends them", async () => {
    const emu = await start();
    const broken = sampleZip({ Dockerfile: "FROM alpine\nCOPY missing /\n" });
    const first = pythonMultipart({ name: "py", type: "workflow", version: "1.0.0" }, broken, true);
    await raw(emu, {
      method: "POST",
      path: `${base}/images/`,
      headers: pythonHeaders({ "Content-Type": first.contentType, "Content-Length": String(first.payload.length) }),
      body: first.payload,
    });
    const update = pythonMultipart(
      { name: "py", type: "workflow", version: "1.0.0", buildDetails: { source: "upload", useCache: true } },
      sampleZip(),
      true,
    );
    const answer = await raw(emu, {
      method: "PATCH",
      path: `${base}/images/1/versions/1`,
      headers: pythonHeaders({ "Content-Type": update.contentType, "Content-Length": String(update.payload.length) }),
      body: update.payload,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ imageId: 1, versionId: 1, buildId: 2, autodeploymentId: null });
  });
});
