// A scriptable HTTP server on 127.0.0.1 for fault injection. Each test scripts how the next
// requests are answered (a status, a reset connection, a slow or truncated body, ...) and then
// asserts what the server saw: how many requests, with which method, URL, headers and body.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "@test/support";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  /** `performance.now()` when the request arrived (its headers). */
  at: number;
  /** Resolves with `performance.now()` when the connection that carried the request closed. */
  closed: Promise<number>;
}

export type Reply = (response: ServerResponse, request: SeenRequest) => void;

export interface FaultServer {
  url: string;
  /** Every request received since the last `script`. */
  seen: SeenRequest[];
  /** Answers the next requests with `replies` in order; the last one answers all later requests. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  let replies: Reply[] = [];
  const seen: SeenRequest[] = [];
  const closings = new WeakMap<object, Promise<number>>();
  const server = createServer((request, response) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const closed = closings.get(request.socket)!;
      const received = { method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks), at, closed };
      const reply = replies[Math.min(seen.length, replies.length - 1)];
      seen.push(received);
      if (reply) reply(response, received);
      else json(500, { message: "nothing scripted" })(response, received);
    });
  });
  server.on("connection", (socket) => {
    closings.set(socket, new Promise((resolve) => socket.once("close", () => resolve(performance.now()))));
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    seen,
    script(...next) {
      replies = next;
      seen.length = 0;
    },
    close,
  };
}

/** A JSON answer. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (response) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), ...headers });
    response.end(text);
  };

/** Any body with any content type. */
export const raw =
  (status: number, body: string | Buffer, headers: Record<string, string> = {}): Reply =>
  (response) => {
    response.writeHead(status, { "Content-Length": Buffer.byteLength(body), ...headers });
    response.end(body);
  };

/** Sends the headers and half of the body, then destroys the connection. */
export const resetMidResponse: Reply = (response) => {
  response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "200" });
  response.write('{"conversations": [{"id": "c1"');
  setTimeout(() => response.socket?.destroy(), 10);
};

/** Never answers: the connection stays open until the client closes it (or the server stops). */
export const silent: Reply = () => {};

/** Sends the headers and the start of a body, then nothing more. */
export const stallMidBody: Reply = (response) => {
  response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "5000" });
  response.write('{"conversations": [');
};

/** Answers with `reply` after `ms`. */
export const after =
  (ms: number, reply: Reply): Reply =>
  (response, request) => {
    const timer = setTimeout(() => reply(response, request), ms);
    response.on("close", () => clearTimeout(timer));
  };

export const conversation = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  contactId: "contact",
  locationId: "location",
  lastMessageBody: "hi",
  lastMessageType: "TYPE_SMS",
  type: "TYPE_PHONE",
  unreadCount: 0,
  fullName: "Jane Doe",
  contactName: "Jane",
  email: "jane@example.com",
  phone: "+15550001234",
  ...extra,
});

export const message = (id: string) => ({
  id,
  type: 1,
  messageType: "TYPE_SMS",
  locationId: "location",
  contactId: "contact",
  conversationId: "conversation",
  dateAdded: "2024-01-01T00:00:00.000Z",
  direction: "outbound",
  contentType: "text/plain",
});
