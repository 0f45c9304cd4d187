// Serves the built API reference (dist/api-reference.html) over HTTP on 127.0.0.1. The page is
// self-contained, so one file is all there is to serve; anything else is a 404.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/** The page that `pnpm build` writes. */
export const defaultPagePath = fileURLToPath(new URL("../dist/api-reference.html", import.meta.url));

export interface DocsServerOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** The HTML page to serve; the built API reference when omitted. */
  pagePath?: string;
}

export interface RunningDocsServer {
  /** URL of the page, e.g. http://127.0.0.1:4020/ */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function serveDocs(options: DocsServerOptions = {}): Promise<RunningDocsServer> {
  const pagePath = options.pagePath ?? defaultPagePath;
  // Read once up front: a missing build fails here, with the command that makes it.
  const page = await readFile(pagePath).catch(() => {
    throw new Error(`no API reference at ${pagePath}; build it first: pnpm build`);
  });

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (path === "/" || path === "/index.html" || path === "/api-reference.html") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": page.length });
      response.end(request.method === "HEAD" ? undefined : page);
    } else {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
