import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ResolvedOptions } from "../options.js";
import type { RequestPipeline } from "./pipeline.js";

function report(message: string): void {
  process.stderr.write(`peak-images-emulator: ${message}\n`);
}

/**
 * The HTTP server: timeouts and a connection cap suited to a local tool (a client trickling a body, or holding
 * many connections, cannot keep the emulator busy), and nothing a request does can take the process down.
 */
export class EmulatorServer {
  private readonly server: Server;
  /** `http://host:port` once listening. */
  url = "";

  constructor(
    private readonly options: ResolvedOptions,
    private readonly pipeline: RequestPipeline,
  ) {
    const shortest = Math.min(options.headersTimeoutMs, options.requestTimeoutMs);
    this.server = createServer(
      {
        requestTimeout: options.requestTimeoutMs,
        headersTimeout: options.headersTimeoutMs,
        keepAliveTimeout: options.keepAliveTimeoutMs,
        // Node checks the two timeouts above on this interval (30 s by default, longer than they are).
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(shortest / 4))),
      },
      (req, res) => this.serve(req, res),
    );
    this.server.maxConnections = options.maxConnections;
  }

  /** Starts listening; resolves with the URL. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off("error", reject);
        // From now on a failure to accept (EMFILE, say) is an event: unheard, it would end the process.
        this.server.on("error", (error) => report(`server error: ${error.message}`));
        const address = this.server.address() as AddressInfo;
        // The host as asked for (`--host localhost` prints localhost), the port as bound (`--port 0`).
        const asked = this.options.host;
        const host = asked.includes(":") && !asked.startsWith("[") ? `[${asked}]` : asked;
        this.url = `http://${host}:${address.port}`;
        resolve(this.url);
      });
    });
  }

  /** Stops listening and drops open connections (keep-alive ones included). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    this.pipeline.handle(req, res, this.url).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      report(`internal error: ${error instanceof Error ? error.stack : message}`);
      if (!res.headersSent && !res.destroyed) {
        const text = JSON.stringify({ detail: `Internal error in the emulator: ${message}` });
        res.writeHead(500, { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)) });
        res.end(text);
      }
    });
  }
}
