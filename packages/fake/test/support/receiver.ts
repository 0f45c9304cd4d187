// A webhook receiver as a consumer would write one: a node:http server on 127.0.0.1 that verifies
// each delivery with `unwrap` (the fake's public key, the timestamp window on the given clock, a
// replay store of its own, the spec's schema) and records what it accepted and refused. A script
// of answers lets a test make it fail first: a status, no answer ("hang"), or a dropped connection.
import { createServer, type IncomingMessage } from "node:http";
import { MemoryReplayStore, unwrap, type WebhookEndpoint, WebhookError } from "@conversations-api/webhooks";
import { listenOnLoopback } from "@test/support";

/** The secret of the receiver's Delivery URL (`providerUrl` carries it). */
export const providerUrlSecret = "receiver-delivery-url-secret-0123456789";

export type ScriptedAnswer = number | "hang" | "reset";

export interface Received {
  endpoint: WebhookEndpoint;
  payload: Record<string, unknown>;
}

export interface Receiver {
  /** Deliveries of the app events go here. */
  appUrl: string;
  /** ProviderOutboundMessage goes here: a Delivery URL that carries its secret, as a provider registers it. */
  providerUrl: string;
  /** Verified deliveries, in the order they arrived. */
  received: Received[];
  /** Deliveries refused by unwrap: the error's name. */
  refused: string[];
  /** Requests that arrived, verified or not. */
  requests: number;
  /** Whether the connection that carried each request is closed by now, in the order they arrived. */
  connectionsClosed: boolean[];
  /** Answers for the next requests, before any verification; then every request is verified. */
  script: ScriptedAnswer[];
  stop(): Promise<void>;
}

async function rawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `publicKey`: the key to trust, or where to read it when a delivery arrives (a fake started after the receiver). */
export async function startReceiver(options: { publicKey: string | (() => string); now?: () => number }): Promise<Receiver> {
  const replayStore = new MemoryReplayStore();
  const receiver: Omit<Receiver, "appUrl" | "providerUrl" | "openConnections" | "stop"> = { received: [], refused: [], requests: 0, connectionsClosed: [], script: [] };
  const server = createServer(async (request, response) => {
    const index = receiver.requests++;
    receiver.connectionsClosed[index] = request.socket.destroyed;
    request.socket.once("close", () => (receiver.connectionsClosed[index] = true));
    const body = await rawBody(request);
    const scripted = receiver.script.shift();
    if (scripted === "hang") return;
    if (scripted === "reset") return void request.socket.destroy();
    if (scripted !== undefined) return void response.writeHead(scripted).end(`scripted ${scripted}`);
    const endpoint: WebhookEndpoint = request.url?.startsWith("/provider") ? "provider" : "app";
    try {
      const payload = await unwrap(body, request.headers, {
        endpoint,
        // The provider's Delivery URL: unsigned deliveries (as in production) authenticated by the secret in the URL.
        ...(endpoint === "provider" ? { urlSecret: { secrets: [providerUrlSecret] }, requestUrl: request.url ?? "" } : {}),
        publicKeys: [typeof options.publicKey === "string" ? options.publicKey : options.publicKey()],
        replayStore,
        validate: true,
        ...(options.now ? { now: options.now } : {}),
      });
      receiver.received.push({ endpoint, payload: payload as unknown as Record<string, unknown> });
      response.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    } catch (error) {
      receiver.refused.push(error instanceof Error ? error.name : String(error));
      response.writeHead(error instanceof WebhookError ? error.status : 500).end(error instanceof Error ? error.name : "");
    }
  });
  const { url, close } = await listenOnLoopback(server);
  return Object.assign(receiver, { appUrl: `${url}/app`, providerUrl: `${url}/provider?secret=${providerUrlSecret}`, stop: close });
}
