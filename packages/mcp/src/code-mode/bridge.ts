// The host side of run_code's one capability: the guest's `client.GET(...)` and iterators become
// gateway calls (the same checks as the tools: --allow-writes, arguments, allow-list, redaction)
// on a client whose requests are counted and capped for this run, and pass the fleet budget.
import type { ServerContext } from "../context.js";
import type { OperationGateway } from "../operation-gateway.js";
import type { BridgeHandler } from "./sandbox.js";

export interface RunBridge {
  handler: BridgeHandler;
  /** Set when the run went over its API-call limit (whatever the snippet did with the refusal). */
  readonly overLimit: boolean;
  readonly apiCalls: number;
  /** Closes the iterators the snippet left open. */
  close(): Promise<void>;
}

const ITERATORS = {
  searchConversations: { route: ["GET", "/conversations/search"], args: (query: unknown) => ({ ...(query as object) }) },
  conversationMessages: { route: ["GET", "/conversations/{conversationId}/messages"], args: (conversationId: unknown, query: unknown) => ({ ...(query as object), conversationId }) },
  exportMessages: { route: ["GET", "/conversations/messages/export"], args: (query: unknown) => ({ ...(query as object) }) },
} as const;

type IteratorName = keyof typeof ITERATORS;

class BridgeError extends Error {
  override readonly name = "BridgeError";
}

export function createRunBridge(context: ServerContext, signal: AbortSignal): RunBridge {
  const { maxApiCalls } = context.codeLimits;
  let apiCalls = 0;
  let overLimit = false;
  const { client, gateway } = context.scoped((fetch) => (request, init) => {
    if (++apiCalls > maxApiCalls) {
      overLimit = true;
      return Promise.reject(Object.assign(new Error(`API-call limit of ${maxApiCalls} requests per run reached`), { retryable: false }));
    }
    return fetch(request, init);
  });
  const iterators = new Map<number, AsyncGenerator<unknown, void>>();
  let nextId = 1;
  const { redact } = context;
  const json = (value: unknown) => redact(JSON.stringify(value ?? null));

  async function call(payload: { method?: unknown; path?: unknown; init?: unknown }) {
    const method = String(payload.method);
    const path = String(payload.path);
    const tool = gateway.route(method, path);
    if (!tool) throw new BridgeError(`client.${method}("${path}"): no such operation (search_docs lists them)`);
    const init = (payload.init ?? {}) as { params?: { path?: object; query?: object }; body?: unknown; apiVersion?: unknown };
    const args = { ...init.params?.path, ...init.params?.query, ...(init.body !== undefined ? { body: init.body } : {}), ...(init.apiVersion !== undefined ? { apiVersion: init.apiVersion } : {}) };
    const outcome = await gateway.call(tool, args, signal);
    return json(outcome.ok ? { data: outcome.data } : { error: { ...(outcome.status ? { status: outcome.status } : {}), message: outcome.message } });
  }

  async function iterate(payload: { name?: unknown; args?: unknown }, scope: OperationGateway) {
    const name = String(payload.name) as IteratorName;
    const spec = ITERATORS[name];
    if (!spec) throw new BridgeError(`client.${name}: no such iterator`);
    const args = Array.isArray(payload.args) ? payload.args : [];
    const tool = scope.route(spec.route[0], spec.route[1])!;
    const refused = await scope.precheck(tool, (spec.args as (...values: unknown[]) => object)(...args), signal);
    if (refused) throw new BridgeError(refused.message);
    const options = { ...(args[name === "conversationMessages" ? 2 : 1] as object | undefined), signal };
    const iterator =
      name === "conversationMessages"
        ? client.conversationMessages(String(args[0]), (args[1] ?? {}) as never, options)
        : (client[name] as (query: never, options: object) => AsyncGenerator<unknown, void>)((args[0] ?? {}) as never, options);
    const id = nextId++;
    iterators.set(id, iterator);
    return JSON.stringify(id);
  }

  async function next({ id }: { id?: unknown }) {
    const iterator = iterators.get(Number(id));
    if (!iterator) throw new BridgeError("this iterator is closed");
    try {
      const step = await iterator.next();
      if (step.done) iterators.delete(Number(id));
      const refused = step.done ? undefined : gateway.screen(step.value);
      if (refused) throw new BridgeError(refused.message);
      return json({ done: Boolean(step.done), value: step.done ? undefined : step.value });
    } catch (error) {
      iterators.delete(Number(id));
      throw new BridgeError(redact(error instanceof Error ? error.message : String(error)));
    }
  }

  return {
    get overLimit() {
      return overLimit;
    },
    get apiCalls() {
      return Math.min(apiCalls, maxApiCalls);
    },
    async handler(kind, payload) {
      if (signal.aborted) throw new BridgeError("the run is over");
      const request = (payload ?? {}) as Record<string, unknown>;
      switch (kind) {
        case "call":
          return call(request);
        case "iterate":
          return iterate(request, gateway);
        case "next":
          return next(request);
        case "close": {
          const iterator = iterators.get(Number(request.id));
          iterators.delete(Number(request.id));
          await iterator?.return(undefined);
          return "null";
        }
        default:
          throw new BridgeError(`unknown bridge request ${kind}`);
      }
    },
    async close() {
      await Promise.allSettled([...iterators.values()].map((iterator) => iterator.return(undefined)));
      iterators.clear();
    },
  };
}
