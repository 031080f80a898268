import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { ForbiddenError, getClient, ValidationError } from "../src/index.js";
import { failure, json, KEY, recorder, tempDir } from "./helpers.js";

const SIGNED = "https://logs-bucket.s3.example.com/builds/9.log?X-Amz-Signature=s3cr3t-signature";

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

async function serviceLinkingTo(url: string) {
  return recorder((_req, res) => json(res, 200, { downloadUrl: url }));
}

describe("saveBuildLogs", () => {
  it("downloads the pre-signed link without the API key into the file, and returns its absolute path", async () => {
    const service = await serviceLinkingTo(SIGNED);
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    let authorization: string | undefined = "unset";
    const download = nock("https://logs-bucket.s3.example.com")
      .get("/builds/9.log")
      .query({ "X-Amz-Signature": "s3cr3t-signature" })
      .reply(function reply() {
        authorization = this.req.headers.authorization;
        return [200, "line 1\nline 2\n"];
      });
    const dir = tempDir();
    const saved = await getClient({ baseUrl: service.url, apiKey: KEY }).saveBuildLogs(4, 9, {
      fileName: join(dir, "out.log"),
    });
    expect(download.isDone()).toBe(true);
    expect(authorization).toBeUndefined();
    expect(saved).toBe(join(dir, "out.log"));
    expect(readFileSync(saved, "utf8")).toBe("line 1\nline 2\n");
    expect(readdirSync(dir)).toEqual(["out.log"]);
    expect(service.seen[0]?.url).toBe("/image-management/api/v2/images/4/builds/9/logs/download");
  });

  it("defaults to image_build_logs_{imageId}_{buildId}.log in the current folder", async () => {
    const link = await recorder((_req, res) => res.end("whole log\n"));
    const service = await serviceLinkingTo(`${link.url}/log`);
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const saved = await getClient({ baseUrl: service.url, apiKey: KEY }).saveBuildLogs(4, 9);
      expect(saved).toBe(join(dir, "image_build_logs_4_9.log"));
      expect(readFileSync(saved, "utf8")).toBe("whole log\n");
    } finally {
      process.chdir(cwd);
    }
  });

  it("a refused download is a typed error without the link's signature, and leaves no file", async () => {
    const service = await serviceLinkingTo(SIGNED);
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    nock("https://logs-bucket.s3.example.com")
      .get("/builds/9.log")
      .query(true)
      .reply(403, "<Error>AccessDenied</Error>");
    const dir = tempDir();
    const error = await failure(
      getClient({ baseUrl: service.url, apiKey: KEY }).saveBuildLogs(4, 9, { fileName: join(dir, "x.log") }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).url).toBe("https://logs-bucket.s3.example.com/builds/9.log");
    expect(JSON.stringify({ message: (error as Error).message, url: (error as ForbiddenError).url })).not.toContain(
      "s3cr3t",
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a destination in a missing folder is a ValidationError naming it", async () => {
    const link = await recorder((_req, res) => res.end("log\n"));
    const service = await serviceLinkingTo(`${link.url}/log`);
    const target = join(tempDir(), "no", "such", "x.log");
    const error = await failure(
      getClient({ baseUrl: service.url, apiKey: KEY }).saveBuildLogs(4, 9, { fileName: target }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(`options.fileName: cannot write ${target}: its folder does not exist`);
    expect(existsSync(target)).toBe(false);
  });
});
