import type { RunContext } from "../context.js";

/** Progress shown on stderr while zipping, uploading and waiting; every method is a no-op off a terminal. */
export interface Progress {
  zip(done: { files: number; totalFiles: number; bytes: number; totalBytes: number }): void;
  upload(done: { loaded: number; total: number }): void;
  spin(text: string): void;
  stop(): void;
}

const NONE: Progress = { zip() {}, upload() {}, spin() {}, stop() {} };

/** Bytes as B, KiB, MiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** Progress bars (cli-progress, loaded only on a terminal) and a spinner, on stderr. */
export async function createProgress(ctx: RunContext): Promise<Progress> {
  if (!ctx.io.stderrIsTTY) {
    return NONE;
  }
  const { default: cliProgress } = await import("cli-progress");
  const stream = ctx.io.stderr as NodeJS.WriteStream;
  type Bar = InstanceType<typeof cliProgress.SingleBar>;
  let bar: Bar | undefined;
  let barKind: "zip" | "upload" | undefined;
  let started = 0;
  let timer: NodeJS.Timeout | undefined;
  let spinText = "";
  let frame = 0;
  const rate = (bytes: number) => `${formatBytes(bytes / Math.max(0.001, (Date.now() - started) / 1000))}/s`;
  const open = (kind: "zip" | "upload", format: string, total: number) => {
    if (barKind === kind && bar) {
      return bar;
    }
    bar?.stop();
    started = Date.now();
    barKind = kind;
    bar = new cliProgress.SingleBar(
      { format, stream, hideCursor: true, clearOnComplete: false, barsize: 24, fps: 10 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return bar;
  };
  const clearSpinner = () => {
    if (timer) {
      clearInterval(timer);
      timer = undefined;
      stream.write("\r\x1b[2K");
    }
  };
  return {
    zip(done) {
      open("zip", "zipping   [{bar}] {percentage}% | {files} files | {size} | {rate}", done.totalBytes || 1).update(
        done.bytes,
        {
          files: `${done.files}/${done.totalFiles}`,
          size: `${formatBytes(done.bytes)}/${formatBytes(done.totalBytes)}`,
          rate: rate(done.bytes),
        },
      );
    },
    upload(done) {
      open("upload", "uploading [{bar}] {percentage}% | {size} | {rate}", done.total || 1).update(done.loaded, {
        size: `${formatBytes(done.loaded)}/${formatBytes(done.total)}`,
        rate: rate(done.loaded),
      });
    },
    spin(text) {
      bar?.stop();
      bar = undefined;
      barKind = undefined;
      spinText = text;
      const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame]} ${spinText}`);
      draw();
      timer ??= setInterval(() => {
        frame = (frame + 1) % FRAMES.length;
        draw();
      }, 100);
    },
    stop() {
      bar?.stop();
      bar = undefined;
      barKind = undefined;
      clearSpinner();
    },
  };
}
