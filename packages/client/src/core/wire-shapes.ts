// Three answers are wrapped on the wire where the vendor documents them flat: get-messages
// (`{ messages: <page>, traceId }`), get-message (`{ message, traceId }`) and get-email-by-id
// (`{ emailMessage }`). The types describe the wire; should the vendor ever send the documented,
// flat shape, the client wraps it the way the wire does, so that `data.message.id` reads the same.

/** The path of each wrapped operation (all three are GETs), and the key its answer is wrapped in. */
const WRAPPERS: Record<string, string> = {
  "/conversations/{conversationId}/messages": "messages",
  "/conversations/messages/{id}": "message",
  "/conversations/messages/email/{id}": "emailMessage",
};

/** `data` in the wire's shape: a flat answer of a wrapped operation wrapped, anything else as it is. */
export function wireShape(path: string, data: unknown): unknown {
  const key = WRAPPERS[path];
  // A wrapped answer holds a plain object under its key (JSON gives nothing else a constructor of Object).
  return key && data?.constructor == Object && (data as Record<string, unknown>)[key]?.constructor != Object ? { [key]: data } : data;
}
