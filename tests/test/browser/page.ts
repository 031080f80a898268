// The page a web app would ship: bundled from the SDK's `browser` export, it creates an image from the zip the user
// picks, then lists, describes and waits for it, and shows every answer in the page.
import { getClient, PeakError } from "@peak-images/sdk";

const params = new URLSearchParams(location.search);
const client = getClient({ baseUrl: params.get("api") ?? "", apiKey: params.get("key") ?? "" });
const input = document.querySelector<HTMLInputElement>("#artifact")!;

function show(id: string, value: unknown): void {
  document.querySelector(`#${id}`)!.textContent = typeof value === "string" ? value : JSON.stringify(value);
}

async function run(file: File): Promise<void> {
  const created = await client.createImage(
    { name: "from-the-browser", type: "webapp", version: "1.0.0", buildDetails: { source: "upload" } },
    { artifact: file, onUploadProgress: (p) => show("uploaded", `${p.loaded}/${p.total}`) },
  );
  show("created", created);
  const build = await client.waitForBuild(created.imageId, created.buildId, { minDelay: 0.05, maxDelay: 0.2 });
  show("build", build.status);
  const page = await client.listImages({ pageSize: 10 });
  show("list", { count: page.imageCount, names: page.images.map((image) => image.name) });
  const image = await client.describeImage(created.imageId);
  show("describe", { name: image.name, type: image.type, version: image.latestVersion?.version });
  const logs = await client.getBuildLogs(created.imageId, created.buildId);
  show(
    "logs",
    logs.logs.map((entry) => entry.message),
  );
}

input.addEventListener("change", () => {
  const file = input.files?.[0];
  document.body.dataset.state = "running";
  show("file", file === undefined ? "none" : `${file.name} ${file.size} ${file.type}`);
  if (file === undefined) {
    return;
  }
  run(file).then(
    () => {
      document.body.dataset.state = "done";
    },
    (error: unknown) => {
      show("error", error instanceof PeakError ? `${error.name} (${error.code}): ${error.message}` : String(error));
      document.body.dataset.state = "failed";
    },
  );
});
document.body.dataset.state = "ready";
