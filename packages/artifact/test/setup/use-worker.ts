// Runs before each test file: deflate worker threads start from the script build-worker.ts built.
import { inject } from "vitest";
import { useDeflateWorkerFile } from "../../src/deflate/worker-file.js";

useDeflateWorkerFile(inject("deflateWorker"));
