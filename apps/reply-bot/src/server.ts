// The bot behind an HTTP server: POST /webhooks, on 127.0.0.1 by default.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createReplyBot, type ReplyBotOptions } from "./bot.js";

export interface RunningReplyBot {
  /** Where HighLevel (or a test) posts webhooks, e.g. http://127.0.0.1:4040/webhooks */
  webhookUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function startReplyBot(options: ReplyBotOptions & { port?: number; host?: string }): Promise<RunningReplyBot> {
  const bot = createReplyBot(options);
  const server = createServer((request, response) => {
    if (request.method === "POST" && request.url === "/webhooks") return void bot(request, response);
    response.statusCode = 404;
    response.end();
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    webhookUrl: `http://${host}:${port}/webhooks`,
    port,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
