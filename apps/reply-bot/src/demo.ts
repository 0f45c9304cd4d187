// The bot against the mock that `pnpm mock` serves, with a signed sample event: no token, no
// network. The vendor's private key is not ours, so the demo signs with a key pair of its own and
// tells the bot to trust it; otherwise the path is the one a real delivery takes (HTTP, signature,
// window, replay, client).
import { createConversationsClient } from "@conversations-api/client";
import { deliverWebhook, exampleEvent, generateSigningKeys } from "@conversations-api/webhooks/testing";
import { startReplyBot } from "./server.js";

export interface DemoResult {
  /** The bot's answer to the delivery. */
  status: number;
  /** What the bot logged. */
  lines: string[];
}

/** Nothing answers at the mock's URL: start it with `pnpm mock`. */
export class MockNotRunningError extends Error {
  override name = "MockNotRunningError";
}

export async function runDemo(mockUrl: string, log: (line: string) => void = console.log): Promise<DemoResult> {
  // The bot would answer the delivery 500 (its reply failed); say what is missing instead.
  await fetch(mockUrl, { signal: AbortSignal.timeout(5_000) }).catch((error: unknown) => {
    throw new MockNotRunningError(`nothing answers at ${mockUrl}: start the mock with \`pnpm mock\` (MOCK_PORT sets its port)`, { cause: error });
  });
  const lines: string[] = [];
  const keys = await generateSigningKeys();
  const bot = await startReplyBot({
    client: createConversationsClient({ token: "mock-token", baseUrl: mockUrl, maxRetries: 0 }),
    publicKeys: [keys.publicKey],
    log: (line) => {
      lines.push(line);
      log(`bot: ${line}`);
    },
  });
  try {
    log(`reply-bot: listening at ${bot.webhookUrl}, replying through the mock at ${mockUrl}`);
    const event = exampleEvent("InboundMessage", "sms");
    log(`reply-bot: delivering a signed InboundMessage from ${event.contactId}: ${JSON.stringify(event.body)}`);
    const response = await deliverWebhook(bot.webhookUrl, event, { keys });
    log(`reply-bot: the bot answered ${response.status}`);
    return { status: response.status, lines };
  } finally {
    await bot.stop();
  }
}
