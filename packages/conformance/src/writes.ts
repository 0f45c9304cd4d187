// `--allow-writes --contact-id <id>`: a flow on a test contact, each answer checked like the reads:
// find the contact's conversation (or create one), send it an SMS, star the conversation and read
// it back, then put the star back and delete the conversation if the flow created it. The message
// sent stays (the API has no way to delete a sent message): it says what it is.
import type { Call } from "./run.js";

export const WRITE_FLOW_MESSAGE = "Conformance check by @conversations-api/conformance: please ignore.";

function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* objects(item);
  else if (value && typeof value === "object") {
    yield value as Record<string, unknown>;
    for (const item of Object.values(value)) yield* objects(item);
  }
}

/** The first string id of an object in `body` that `matches`. */
const idIn = (body: unknown, matches: (record: Record<string, unknown>) => boolean = () => true) => {
  for (const record of objects(body)) if (typeof record.id === "string" && matches(record)) return record.id;
  return undefined;
};

export async function runWriteFlow(call: Call, locationId: string, contactId: string): Promise<void> {
  const write = true;
  const found = await call("search-conversation", { locationId, contactId, limit: 1 }, { write });
  let conversationId = found.ok ? idIn(found.body, (record) => record.contactId === contactId) : undefined;
  let created = false;
  if (!conversationId) {
    const creation = await call("create-conversation", {}, { body: { locationId, contactId }, write });
    conversationId = creation.ok ? idIn(creation.body) : undefined;
    created = conversationId !== undefined;
  }
  const sent = await call("send-a-new-message", {}, { body: { type: "SMS", contactId, message: WRITE_FLOW_MESSAGE }, write });
  const messageId = sent.ok ? ((sent.body as Record<string, unknown>)?.messageId as string | undefined) ?? idIn(sent.body) : undefined;
  await call("get-message", { id: messageId }, { write });
  if (conversationId) {
    const before = await call("get-conversation", { conversationId }, { write });
    const wasStarred = (before.body as Record<string, unknown> | undefined)?.starred === true;
    await call("update-conversation", { conversationId }, { body: { locationId, starred: !wasStarred }, write });
    await call("get-conversation", { conversationId }, { write });
    await call("update-conversation", { conversationId }, { body: { locationId, starred: wasStarred }, write });
    if (created) await call("delete-conversation", { conversationId }, { write });
  }
}
