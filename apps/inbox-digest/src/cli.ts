#!/usr/bin/env node
// `pnpm --filter @example/inbox-digest start`: prints the unread-inbox digest of a location.
import { ConnectionError, createConversationsClient } from "@conversations-api/client";
import { ConfigError, readConfig } from "./config.js";
import { collectUnreadDigest, DigestError } from "./digest.js";
import { renderDigest } from "./render.js";

try {
  const config = readConfig(process.argv.slice(2), process.env);
  const { target } = config;
  const client =
    target.kind === "mock"
      ? createConversationsClient({ token: "mock-token", baseUrl: target.baseUrl, maxRetries: 0 })
      : createConversationsClient({ token: target.token, ...(target.baseUrl ? { baseUrl: target.baseUrl } : {}) });
  console.error(`inbox-digest: ${target.kind === "mock" ? `against the mock at ${target.baseUrl}` : `against ${target.baseUrl ?? "the HighLevel API"}`}`);
  const digest = await collectUnreadDigest(client, {
    locationId: target.locationId,
    pageSize: config.pageSize,
    maxConversations: config.maxConversations,
    messagesPerConversation: config.messagesPerConversation,
  }).catch((error: unknown) => {
    if (target.kind === "mock" && error instanceof DigestError && error.cause instanceof ConnectionError) {
      throw new DigestError(`${error.message}\nnothing answers at ${target.baseUrl}: start the mock with \`pnpm mock\` (MOCK_PORT sets its port)`);
    }
    throw error;
  });
  process.stdout.write(config.json ? `${JSON.stringify(digest, null, 2)}\n` : renderDigest(digest));
} catch (error) {
  if (error instanceof ConfigError || error instanceof DigestError) {
    console.error(`inbox-digest: ${error.message}`);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  } else {
    throw error;
  }
}
