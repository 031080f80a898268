// Who may drive the emulator from a browser. Its API key is public (`local-dev-key`), so a web page the developer
// happens to visit must not be able to call it: only loopback origins are allowed unless more are named.

const loopbackOrigin = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;
const loopbackNames = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The host part of a Host header (`[::1]:4010` -> `[::1]`), lower-cased. */
function hostName(host: string): string {
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "");
  return name.toLowerCase();
}

function bracketed(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host.toLowerCase();
}

/** Which browser origins and Host headers the emulator answers. */
export class OriginPolicy {
  private readonly origins: ReadonlySet<string>;
  private readonly hosts: ReadonlySet<string> | undefined;

  /**
   * @param origins origins allowed besides loopback ones (`--cors-origin`), exactly as browsers send them.
   * @param boundHost the interface the emulator listens on: bound to loopback, it only answers requests naming a
   *   loopback host (or that one), so a page on another name that resolves to 127.0.0.1 (DNS rebinding) cannot
   *   reach it either.
   */
  constructor(origins: readonly string[], boundHost: string) {
    this.origins = new Set(origins);
    const bound = bracketed(boundHost);
    const onLoopback = loopbackNames.has(bound) || /^127\.\d+\.\d+\.\d+$/.test(bound);
    this.hosts = onLoopback ? new Set([...loopbackNames, bound]) : undefined;
  }

  /** True for an Origin header the emulator answers with CORS headers (and serves at all). */
  allowsOrigin(origin: string): boolean {
    return loopbackOrigin.test(origin) || this.origins.has(origin);
  }

  /** True when the Host header names a host the emulator serves (any, unless it listens on loopback only). */
  allowsHost(host: string | undefined): boolean {
    return this.hosts === undefined || host === undefined || this.hosts.has(hostName(host));
  }
}

/** Checks a `--cors-origin` value: an origin as browsers write it (`https://app.example:8443`, no path). */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
}
