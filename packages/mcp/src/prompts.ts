// The prompt for triaging a location's unread conversations, worded for the tool set served.
import type { GetPromptResult, Prompt } from "@modelcontextprotocol/sdk/types.js";
import type { ServerContext } from "./context.js";

export const triagePrompt: Prompt = {
  name: "triage-unread-conversations",
  title: "Triage unread conversations",
  description: "Reads a location's unread conversations, ranks them by urgency and drafts a reply for each (sent only when you say so).",
  arguments: [
    { name: "locationId", description: "The location (sub-account) whose inbox to triage.", required: true },
    { name: "limit", description: "At most this many conversations (default 20).", required: false },
  ],
};

export function triageMessages(context: ServerContext, args: Record<string, string | undefined>): GetPromptResult {
  const locationId = args.locationId;
  if (!locationId) throw new Error("triage-unread-conversations needs a locationId");
  const limit = Number(args.limit ?? 20) || 20;
  const code = context.toolSet !== "operations";
  const how = code
    ? `Use one run_code call: search with client.searchConversations({ locationId: "${locationId}", status: "unread", sortBy: "last_message_date", sort: "desc" }), take the first ${limit}, and for each read its newest inbound message with client.conversationMessages(id). Return only what you need: id, contact, unreadCount, the last inbound message's body and date.`
    : `Call search-conversation with locationId "${locationId}", status "unread", sortBy "last_message_date", sort "desc" and limit ${limit}. For each conversation, read the resource conversations-api://conversations/{id} (or call get-messages) to see the latest inbound messages.`;
  const send = context.gateway.allowWrites
    ? "Do not send anything until I approve a draft; then send it with send-a-new-message."
    : "This server is read-only: do not try to send; present the drafts.";
  return {
    description: triagePrompt.description,
    messages: [
      {
        role: "user",
        content: {
          type: "text",
          text: [
            `Triage the unread conversations of location ${locationId} (at most ${limit}).`,
            how,
            "Then rank them: urgent (a complaint, a cancellation, a time-bound question), needs a reply, or informational. For each give the contact, the unread count, a one-line summary of what they wrote last, and a short draft reply in the language they wrote in.",
            send,
          ].join("\n\n"),
        },
      },
    ],
  };
}
