// The JavaScript that runs inside the sandbox before the snippet: it builds `client` on the one
// host function (`__bridge`, taken out of the global scope at once) and freezes it. Every method
// returns a promise of plain JSON; the iterators are async iterables that ask the host page by page.
export const GUEST_PRELUDE = String.raw`
const client = (() => {
  const bridge = globalThis.__bridge;
  delete globalThis.__bridge;
  const ask = async (kind, payload) => JSON.parse(await bridge(kind, JSON.stringify(payload ?? null)));
  const method = (name) => (path, init) => ask("call", { method: name, path, init: init ?? {} });
  const iterator = (name) => (...args) => ({
    [Symbol.asyncIterator]() {
      let id;
      return {
        async next() {
          if (id === undefined) id = await ask("iterate", { name, args });
          return ask("next", { id });
        },
        async return() {
          if (id !== undefined) await ask("close", { id });
          return { done: true, value: undefined };
        },
      };
    },
  });
  return Object.freeze({
    GET: method("GET"),
    PUT: method("PUT"),
    POST: method("POST"),
    DELETE: method("DELETE"),
    searchConversations: iterator("searchConversations"),
    conversationMessages: iterator("conversationMessages"),
    exportMessages: iterator("exportMessages"),
  });
})();
const __logs = [];
const console = Object.freeze({
  log: (...items) => void __logs.push(items.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(" ")),
});
`;
