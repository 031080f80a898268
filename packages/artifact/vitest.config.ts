import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/build-worker.ts"],
    setupFiles: ["test/setup/use-worker.ts"],
  },
});
