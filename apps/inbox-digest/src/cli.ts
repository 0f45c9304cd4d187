#!/usr/bin/env node
// `pnpm --filter @example/inbox-digest start`: prints the unread-inbox digest of a location.
import { createConversationsClient } from "@conversations-api/client";
import { startMock } from "@conversations-api/mock";
import { ConfigError, readConfig } from "./config.js";
import { collectUnreadDigest, DigestError } from "./digest.js";
import { renderDigest } from "./render.js";

try {
  const config = readConfig(process.argv.slice(2), process.env);
  const { target } = config;
  // No token: the mock stands in for the API, so the example runs anywhere without credentials.
  const mock = target.kind === "mock" ? await startMock() : undefined;
  try {
    const client =
      target.kind === "mock"
        ? createConversationsClient({ token: "mock-token", baseUrl: mock?.url })
        : createConversationsClient({ token: target.token, ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}) });
    console.error(`inbox-digest: ${target.kind === "mock" ? `against the mock at ${mock?.url}` : `against ${target.baseUrl ?? "the HighLevel API"}`}`);
    const digest = await collectUnreadDigest(client, {
      locationId: target.locationId,
      pageSize: config.pageSize,
      maxConversations: config.maxConversations,
      messagesPerConversation: config.messagesPerConversation,
    });
    process.stdout.write(config.json ? `${JSON.stringify(digest, null, 2)}\n` : renderDigest(digest));
  } finally {
    await mock?.stop();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof DigestError) {
    console.error(`inbox-digest: ${error.message}`);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  } else {
    throw error;
  }
}
