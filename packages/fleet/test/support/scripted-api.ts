// A loopback API whose answers a test scripts: the n-th request (from 0) gets `reply(n, request)`.
// It records when each request arrived, its URL and its bearer, so a test sees what was sent and when.
import { createServer, type IncomingMessage } from "node:http";
import { listenOnLoopback } from "@test/support";

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Never answer (the connection stays open until the client closes it or the server stops). */
  silent?: boolean;
}

export interface ScriptedApi {
  url: string;
  arrivals: number[];
  /** The path and query of each request. */
  urls: string[];
  /** The Authorization header of each request. */
  authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

export async function startScriptedApi(reply: (n: number, request: IncomingMessage) => ScriptedReply = () => ({})): Promise<ScriptedApi> {
  const api = { url: "", arrivals: [] as number[], urls: [] as string[], authorizations: [] as Array<string | undefined>, close: async () => {} };
  const server = createServer((request, response) => {
    request.resume();
    const { status = 200, headers = {}, silent = false } = reply(api.arrivals.length, request);
    api.arrivals.push(Date.now());
    api.urls.push(request.url!);
    api.authorizations.push(request.headers.authorization);
    if (!silent) response.writeHead(status, { "content-type": "application/json", ...headers }).end("{}");
  });
  Object.assign(api, await listenOnLoopback(server));
  return api;
}
