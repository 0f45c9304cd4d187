// The bot: a node:http handler that verifies each webhook (signature, window, replay) with
// @conversations-api/webhooks and answers every InboundMessage through the client's
// POST /conversations/messages. Other events are acknowledged and left alone.
import type { ConversationsClient } from "@conversations-api/client";
import type { ReplayStore, UnwrapOptions } from "@conversations-api/webhooks";
import { createNodeHandler } from "@conversations-api/webhooks/node";
import { replyTo } from "./reply.js";

export interface ReplyBotOptions {
  /** Sends the replies. */
  client: ConversationsClient;
  /** Ed25519 keys of x-ghl-signature; HighLevel's published key by default. */
  publicKeys?: UnwrapOptions["publicKeys"];
  /** Where accepted webhookIds are kept; in memory by default. */
  replayStore?: ReplayStore;
  /** The text of the replies. */
  replyText?: string;
  /** One line per event handled or refused (default console.log / console.warn). */
  log?: (line: string) => void;
}

export interface ReplyRecord {
  conversationId: string;
  contactId: string;
  /** The id of the message the bot sent. */
  messageId: string | undefined;
}

export function createReplyBot(options: ReplyBotOptions) {
  const log = options.log ?? console.log;
  return createNodeHandler(
    async (event) => {
      if (event.type !== "InboundMessage") {
        log(`${event.type}: nothing to answer`);
        return;
      }
      const reply = replyTo(event, options.replyText);
      if (!reply) {
        log(`InboundMessage ${event.messageType} from ${event.contactId}: not answerable by message`);
        return;
      }
      // Throws the client's error class on failure: the webhook is then answered 500 and its id
      // released, so HighLevel's redelivery gets another try.
      const sent = await options.client.unwrap(options.client.POST("/conversations/messages", { body: reply }));
      log(`replied to ${event.contactId} in ${event.conversationId} by ${reply.type}: message ${sent.messageId ?? "(no id)"}`);
    },
    {
      ...(options.publicKeys ? { publicKeys: options.publicKeys } : {}),
      ...(options.replayStore ? { replayStore: options.replayStore } : {}),
      onError: (error) => log(`webhook refused or failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
    },
  );
}
