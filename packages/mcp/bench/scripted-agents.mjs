// The benchmark task played by two scripted agents (no model: the script makes the calls an agent
// would): "the contact, unread count and last inbound message of every unread conversation" of one
// location. Each agent gets an MCP client and returns its answer and what it cost: tool calls and
// the bytes of the tool results' text (what reaches the model's context).
const textOf = (result) => result.content.filter((part) => part.type === "text").map((part) => part.text).join("\n");

/** Per-operation tools: a search-conversation page loop, then one get-messages per conversation. */
export async function perOperationAgent(client, locationId, pageSize = 100) {
  let toolCalls = 0;
  let bytes = 0;
  const call = async (name, args) => {
    const result = await client.callTool({ name, arguments: args });
    toolCalls++;
    const text = textOf(result);
    bytes += Buffer.byteLength(text);
    if (result.isError) throw new Error(`${name}: ${text}`);
    return JSON.parse(text);
  };
  const unread = [];
  let startAfterDate;
  for (;;) {
    const page = await call("search-conversation", { locationId, status: "unread", limit: pageSize, ...(startAfterDate ? { startAfterDate } : {}) });
    unread.push(...page.conversations);
    const last = page.conversations.at(-1);
    if (page.conversations.length < pageSize || !last?.sort || unread.length >= page.total) break;
    startAfterDate = last.sort;
  }
  const answer = [];
  for (const conversation of unread) {
    const page = await call("get-messages", { conversationId: conversation.id });
    // The page is newest first; the real API wraps it one level deeper (issue 18): take either.
    const messages = Array.isArray(page.messages) ? page.messages : page.messages.messages;
    const lastInbound = messages.find((message) => message.direction === "inbound");
    answer.push({ conversationId: conversation.id, contact: conversation.fullName ?? conversation.contactName, unreadCount: conversation.unreadCount, lastInbound: lastInbound?.body ?? null });
  }
  return { answer, toolCalls, bytes };
}

/** The snippet the code-mode agent sends: the same task, one run_code call. */
export const codeModeSnippet = (locationId) => `
const answer: { conversationId: string; contact: string; unreadCount: number; lastInbound: string | null }[] = [];
for await (const conversation of client.searchConversations({ locationId: ${JSON.stringify(locationId)}, status: "unread" }, { pageSize: 100 })) {
  let lastInbound: string | null = null;
  for await (const message of client.conversationMessages(conversation.id)) {
    if (message.direction === "inbound") { lastInbound = message.body ?? null; break; }
  }
  answer.push({ conversationId: conversation.id, contact: conversation.fullName ?? conversation.contactName, unreadCount: conversation.unreadCount, lastInbound });
}
return answer;`;

export async function codeModeAgent(client, locationId) {
  const result = await client.callTool({ name: "run_code", arguments: { code: codeModeSnippet(locationId) } });
  const text = textOf(result);
  if (result.isError) throw new Error(`run_code: ${text}`);
  return { answer: JSON.parse(text), toolCalls: 1, bytes: Buffer.byteLength(text) };
}

/** The answers in one order, for comparing the two. */
export const sortAnswer = (answer) => [...answer].sort((a, b) => a.conversationId.localeCompare(b.conversationId));
