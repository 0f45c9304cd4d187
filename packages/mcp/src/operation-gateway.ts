// The one way from a tool's arguments (or a code-mode snippet's client call) to the API: checks the
// arguments, refuses writes without --allow-writes, keeps calls inside the location allow-list,
// calls through the client (Version header, auth, retries; the fleet budget is its fetch) and turns
// the answer into data or an error message with no token in it.
import { ConversationsError, type ConversationsClient } from "@conversations-api/client";
import { checkArguments } from "./input-validation.js";
import { locationIdsIn } from "./location-allow-list.js";
import type { OperationTool } from "./operation-tool.js";
import { operationTools } from "./operations.gen.js";
import type { Redact } from "./redact.js";

export type CallOutcome =
  | { ok: true; data: unknown }
  | { ok: false; message: string; status?: number; kind: "invalid-arguments" | "refused" | "api" };

export interface GatewayOptions {
  client: ConversationsClient<any>;
  /** Serve operations other than GET. */
  allowWrites: boolean;
  /** When given, the only locations whose data may be read or changed. */
  locations?: readonly string[] | undefined;
  redact: Redact;
}

export interface OperationGateway {
  readonly allowWrites: boolean;
  /** The tools this gateway serves: every JSON operation, or only the reads without --allow-writes. */
  readonly served: readonly OperationTool[];
  find(name: string): OperationTool | undefined;
  /** The tool of a client call (`GET`, "/conversations/search"). */
  route(method: string, path: string): OperationTool | undefined;
  call(tool: OperationTool, args: unknown, signal?: AbortSignal): Promise<CallOutcome>;
  /**
   * Everything `call` checks before sending (writes, arguments, the allow-list), for a call made
   * another way (code mode's iterators): a refusal, or undefined when the call may go.
   */
  precheck(tool: OperationTool, args: unknown, signal?: AbortSignal): Promise<Extract<CallOutcome, { ok: false }> | undefined>;
  /** The allow-list's verdict on data about to be returned: a refusal, or undefined. */
  screen(data: unknown): Extract<CallOutcome, { ok: false }> | undefined;
  /** API requests made for tool calls so far (allow-list look-ups included). */
  readonly apiCalls: number;
}

type AnyMethod = (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export function createOperationGateway({ client, allowWrites, locations, redact }: GatewayOptions): OperationGateway {
  const byName = new Map(operationTools.map((tool) => [tool.name, tool]));
  const byRoute = new Map(operationTools.map((tool) => [`${tool.method} ${tool.path}`, tool]));
  const allowed = locations?.length ? new Set(locations) : undefined;
  const conversationLocations = new Map<string, string | undefined>();
  let apiCalls = 0;

  async function send(tool: OperationTool, args: Record<string, unknown>, signal?: AbortSignal) {
    const path: Record<string, unknown> = {};
    const query: Record<string, unknown> = {};
    for (const parameter of tool.parameters) {
      if (args[parameter.name] !== undefined) (parameter.in === "path" ? path : query)[parameter.name] = args[parameter.name];
    }
    apiCalls++;
    // The operations are the spec's, chosen at run time: the call is untyped on purpose.
    return (client[tool.method] as AnyMethod)(tool.path, {
      params: { path, query },
      ...(tool.hasBody && args.body !== undefined ? { body: args.body } : {}),
      ...(typeof args.apiVersion === "string" ? { apiVersion: args.apiVersion } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  function failure(error: unknown, fallbackStatus: number): CallOutcome {
    if (error instanceof ConversationsError) {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
      const status = error.status;
      return { ok: false, kind: "api", ...(status ? { status } : {}), message: redact(`${error.message}${cause}`) };
    }
    const body = error as { statusCode?: unknown; message?: unknown; error?: unknown } | undefined;
    const message = Array.isArray(body?.message) ? body.message.join("; ") : typeof body?.message === "string" ? body.message : JSON.stringify(error);
    const status = typeof body?.statusCode === "number" ? body.statusCode : fallbackStatus;
    const label = typeof body?.error === "string" ? ` ${body.error}` : "";
    return { ok: false, kind: "api", status, message: redact(`HTTP ${status}${label}: ${message}`) };
  }

  /** The location of a conversation named by id (one get-conversation, cached), for the allow-list. */
  async function locationOfConversation(conversationId: string, signal?: AbortSignal): Promise<string | undefined> {
    if (conversationLocations.has(conversationId)) return conversationLocations.get(conversationId);
    const tool = byRoute.get("GET /conversations/{conversationId}")!;
    const { data } = await send(tool, { conversationId }, signal);
    const location = [...locationIdsIn(data)][0];
    if (data) conversationLocations.set(conversationId, location);
    return location;
  }

  async function checkLocations(tool: OperationTool, args: Record<string, unknown>, signal?: AbortSignal): Promise<string | undefined> {
    if (!allowed) return undefined;
    const named = locationIdsIn(args);
    const conversationId = args.conversationId ?? (args.body as Record<string, unknown> | undefined)?.conversationId;
    // A write is checked before it is sent; a read's answer is screened instead (no extra request).
    if (typeof conversationId === "string" && !named.size && !tool.readOnly) {
      const location = await locationOfConversation(conversationId, signal);
      if (location) named.add(location);
    }
    for (const location of named) if (!allowed.has(location)) return `location ${location} is not in the server's allow-list`;
    if (!named.size && !tool.readOnly) {
      return `${tool.name} names no location or conversation, so the allow-list cannot be checked before the change: refused`;
    }
    return undefined;
  }

  return {
    allowWrites,
    served: operationTools.filter((tool) => allowWrites || tool.readOnly),
    find: (name) => byName.get(name),
    route: (method, path) => byRoute.get(`${method.toUpperCase()} ${path}`),
    get apiCalls() {
      return apiCalls;
    },
    precheck,
    screen,
    async call(tool, rawArgs, signal) {
      const refused = await precheck(tool, rawArgs, signal).catch((error: unknown) => failure(error, 0) as Extract<CallOutcome, { ok: false }>);
      if (refused) return refused;
      const args = (rawArgs ?? {}) as Record<string, unknown>;
      try {
        const result = await send(tool, args, signal);
        if (result.error !== undefined) return failure(result.error, result.response.status);
        return screen(result.data) ?? { ok: true, data: result.data ?? {} };
      } catch (error) {
        return failure(error, 0);
      }
    },
  };

  async function precheck(tool: OperationTool, rawArgs: unknown, signal?: AbortSignal): Promise<Extract<CallOutcome, { ok: false }> | undefined> {
    if (!tool.readOnly && !allowWrites) {
      return { ok: false, kind: "refused", message: `${tool.name} changes data (${tool.method}); this server was started read-only: restart it with --allow-writes` };
    }
    const args = (rawArgs ?? {}) as Record<string, unknown>;
    const problems = checkArguments(tool.inputSchema, args);
    if (problems) return { ok: false, kind: "invalid-arguments", message: redact(`invalid arguments for ${tool.name}: ${problems.join("; ")}`) };
    const refusal = await checkLocations(tool, args, signal);
    return refusal ? { ok: false, kind: "refused", message: refusal } : undefined;
  }

  function screen(data: unknown): Extract<CallOutcome, { ok: false }> | undefined {
    if (!allowed) return undefined;
    const outside = [...locationIdsIn(data)].filter((location) => !allowed.has(location));
    return outside.length ? { ok: false, kind: "refused", message: `the answer holds data of location ${outside[0]}, which is not in the server's allow-list: withheld` } : undefined;
  }
}
