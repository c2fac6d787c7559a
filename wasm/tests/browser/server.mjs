// A static server for the example pages and the widget package, on
// 127.0.0.1 only, sending the strict Content-Security-Policy a government
// portal uses. It stops by itself: after `lifetimeMs`, or when the test
// calls `close()`.
//
//   node wasm/tests/browser/server.mjs [port]    # look at the examples by hand (stops after an hour)

import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");

/** The policy of the issue: no inline script or style, wasm allowed. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".map": "application/json",
};

/** URL prefixes and the folders they serve. */
const MOUNTS = [
  ["/pkg/", "wasm/pkg"],
  ["/built/", "target/web-examples"],
  ["/", "examples/web"],
];

/**
 * Starts the server on a free port.
 * @param {{ port?: number, lifetimeMs?: number }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serve({ port = 0, lifetimeMs = 15 * 60 * 1000 } = {}) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url || "/", "http://127.0.0.1");
    let pathname = decodeURIComponent(url.pathname);
    if (pathname === "/favicon.ico") {
      response.writeHead(204, { "content-security-policy": CSP });
      response.end();
      return;
    }
    if (pathname === "/") pathname = "/index.html";
    const mount = MOUNTS.find(([prefix]) => pathname.startsWith(prefix));
    const base = path.join(root, mount[1]);
    const file = path.join(base, pathname.slice(mount[0].length));
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { "content-type": "text/plain", "content-security-policy": CSP });
      response.end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "content-security-policy": CSP,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const address = /** @type {import("node:net").AddressInfo} */ (server.address());
      const timer = setTimeout(() => server.close(), lifetimeMs);
      timer.unref();
      resolve({
        url: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise((done) => {
            clearTimeout(timer);
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serve({ port: Number(process.argv[2] || 8765), lifetimeMs: 60 * 60 * 1000 });
  console.log(`examples at ${url}/ (stops after an hour; Ctrl-C to stop now)`);
}
