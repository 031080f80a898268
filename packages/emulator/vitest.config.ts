import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The built package starts its Dockerfile parser from dist/parse-worker.js; tests run the sources, so the
    // worker is bundled from them (see test/support/worker-script.ts).
    alias: [
      {
        find: /^\.\/worker-script\.js$/,
        replacement: fileURLToPath(new URL("./test/support/worker-script.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Validates every response the emulator sent in each test file against the spec (see test/setup.ts).
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
