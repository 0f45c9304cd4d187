// The fake over HTTP, on 127.0.0.1, served by @hono/node-server: `startFake()` for tests (the shape
// of the mock's `startMock()`), and the `conversations-api-fake` command.
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createFake, type Fake, type FakeOptions } from "./fake.js";
import { isConnectionReset } from "./faults.js";

export interface FakeServerOptions extends FakeOptions {
  /** Port on 127.0.0.1; a free one when omitted (0). */
  port?: number;
  /** Serve this fake instead of creating one from the options. */
  fake?: Fake;
}

export interface RunningFake {
  /** Base URL, e.g. http://127.0.0.1:4030 */
  url: string;
  port: number;
  /** The fake behind the server: its events, faults, `reset()`, `seed()`, `simulateInbound()`. */
  fake: Fake;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

export async function startFake(options: FakeServerOptions = {}): Promise<RunningFake> {
  const { port = 0, fake = createFake(options) } = options;
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve(
      {
        hostname: "127.0.0.1",
        port,
        // Keep the process's own Request and Response: the fake runs beside the code under test.
        overrideGlobalObjects: false,
        fetch: async (request, env) => {
          const response = await fake.handle(request);
          if (!isConnectionReset(response)) return response;
          env.incoming.socket.destroy();
          return new Response(null, { status: 599 });
        },
      },
      () => resolve(started as Server),
    ) as Server;
    started.once("error", reject);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    fake,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
