#!/usr/bin/env node
// `pnpm --filter @example/reply-bot start`:
// - without HIGHLEVEL_TOKEN: the demo, against the mock that `pnpm mock` serves on 127.0.0.1, port
//   MOCK_PORT (4010 by default). Starts the bot, delivers one signed sample InboundMessage, prints
//   what the bot did, and stops.
// - with HIGHLEVEL_TOKEN: serves POST /webhooks on REPLY_BOT_HOST:REPLY_BOT_PORT (127.0.0.1:4040)
//   and answers real deliveries through the API, verifying them with HighLevel's published key
//   (or HIGHLEVEL_WEBHOOK_PUBLIC_KEYS, comma-separated, during a key rotation).
import { createConversationsClient } from "@conversations-api/client";
import { HIGHLEVEL_WEBHOOK_PUBLIC_KEY } from "@conversations-api/webhooks";
import { MockNotRunningError, runDemo } from "./demo.js";
import { startReplyBot } from "./server.js";

const token = process.env.HIGHLEVEL_TOKEN?.trim();
if (!token) {
  const mockPort = process.env.MOCK_PORT?.trim() || "4010";
  if (!/^\d+$/.test(mockPort) || Number(mockPort) > 65_535) {
    console.error(`reply-bot: MOCK_PORT is not a port: ${JSON.stringify(mockPort)}`);
    process.exit(2);
  }
  try {
    const { status } = await runDemo(`http://127.0.0.1:${mockPort}`);
    process.exitCode = status === 200 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof MockNotRunningError)) throw error;
    console.error(`reply-bot: ${error.message}`);
    process.exitCode = 1;
  }
} else {
  // 4040: the fake (`pnpm fake`) listens on 4030 and the docs on 4020.
  const port = Number(process.env.REPLY_BOT_PORT ?? 4040);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`reply-bot: REPLY_BOT_PORT must be a port number, not ${JSON.stringify(process.env.REPLY_BOT_PORT)}`);
    process.exit(2);
  }
  const publicKeys = process.env.HIGHLEVEL_WEBHOOK_PUBLIC_KEYS?.split(",").map((key) => key.trim()).filter(Boolean) ?? [HIGHLEVEL_WEBHOOK_PUBLIC_KEY];
  const baseUrl = process.env.HIGHLEVEL_BASE_URL?.trim();
  const bot = await startReplyBot({
    client: createConversationsClient({ token, ...(baseUrl ? { baseUrl } : {}) }),
    publicKeys,
    port,
    host: process.env.REPLY_BOT_HOST ?? "127.0.0.1",
  });
  console.error(`reply-bot: listening at ${bot.webhookUrl}; point your Marketplace app's webhook URL there`);
  const stop = () => void bot.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
