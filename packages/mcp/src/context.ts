// What every MCP session of one server process shares: the client (auth, Version header, retries),
// the fleet's rate-limit budget as its fetch, the gateway (writes, allow-list, redaction) and a
// count of the API requests sent. One context serves stdio's one session or HTTP's many.
import { createConversationsClient, type ConversationsClient, type Logger } from "@conversations-api/client";
import { createRateLimitBudget, locationIdOf, type FetchFunction, type RateLimitBudget } from "@conversations-api/fleet";
import { DEFAULT_CODE_LIMITS, type CodeLimits } from "./code-mode/limits.js";
import { createOperationGateway, type OperationGateway } from "./operation-gateway.js";
import { createRedactor, type Redact } from "./redact.js";

export type ToolSet = "operations" | "code" | "all";

export interface ConversationsMcpOptions {
  /** The API token (a location token or Private Integration Token). Never echoed. */
  token: string;
  /** The API's base URL; production by default. */
  baseUrl?: string;
  /** The fetch the budget wraps: the global fetch by default, the fake's in `--fake`. */
  fetch?: FetchFunction;
  /** The fleet's rate-limit budget every API request waits for; an in-process one by default. */
  budget?: RateLimitBudget;
  /** Serve the operations that change data (not GET). Default false. */
  allowWrites?: boolean;
  /** When given, the only locations the server may touch. */
  locations?: readonly string[];
  /** The Version header of operations that accept several. */
  apiVersion?: "2021-04-15" | "v3";
  /** Which tools are served (see README: "Two modes"). */
  tools?: ToolSet;
  /** Where the server's log lines go (tokens redacted); none by default. */
  log?: (line: string) => void;
  /** Other secrets to keep out of every output (the HTTP mode's own token). */
  secrets?: readonly string[];
  /** Retries after the first attempt (the client's; default 2). */
  maxRetries?: number;
  /** run_code's limits (code mode); see code-mode/limits.ts for the defaults. */
  codeLimits?: Partial<CodeLimits>;
}

export interface ServerContext {
  readonly options: Readonly<ConversationsMcpOptions>;
  readonly client: ConversationsClient<any>;
  readonly gateway: OperationGateway;
  readonly redact: Redact;
  readonly toolSet: ToolSet;
  log(line: string): void;
  /** HTTP requests sent to the API so far (every attempt, allow-list look-ups and iterator pages included). */
  readonly apiRequests: number;
  readonly codeLimits: CodeLimits;
  /**
   * A client like `client` whose requests pass `wrap` before the budget (code mode counts and caps a
   * run's requests this way), with a gateway of the same rules over it.
   */
  scoped(wrap: (fetch: FetchFunction) => FetchFunction): { client: ConversationsClient<any>; gateway: OperationGateway };
}

export function createServerContext(options: ConversationsMcpOptions): ServerContext {
  if (typeof options.token !== "string" || !options.token) throw new TypeError("conversations-api-mcp: a token is required");
  const redact = createRedactor([options.token, ...(options.secrets ?? [])]);
  const budget = options.budget ?? createRateLimitBudget();
  const baseFetch: FetchFunction = options.fetch ?? ((request, init) => globalThis.fetch(request, init));
  let apiRequests = 0;
  const counted: FetchFunction = (request, init) => {
    apiRequests++;
    return baseFetch(request, init);
  };
  const budgeted = budget.wrapFetch(counted, { key: (request) => locationIdOf(request) ?? "unscoped" });
  const logger: Logger | undefined = options.log
    ? { debug: () => {}, info: (line) => options.log!(redact(String(line))), warn: (line) => options.log!(redact(String(line))), error: (line) => options.log!(redact(String(line))) }
    : undefined;
  const clientOn = (fetch: FetchFunction) =>
    createConversationsClient({
      token: options.token,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      fetch,
      ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      ...(logger ? { logger, logLevel: "warn" as const } : {}),
    });
  const gatewayOn = (client: ConversationsClient<any>) =>
    createOperationGateway({ client, allowWrites: options.allowWrites ?? false, locations: options.locations, redact });
  const client = clientOn(budgeted);
  const gateway = gatewayOn(client);
  return {
    options,
    client,
    gateway,
    redact,
    toolSet: options.tools ?? "operations",
    log: (line) => options.log?.(redact(line)),
    get apiRequests() {
      return apiRequests;
    },
    codeLimits: { ...DEFAULT_CODE_LIMITS, ...options.codeLimits },
    scoped(wrap) {
      const scopedClient = clientOn(wrap(budgeted));
      return { client: scopedClient, gateway: gatewayOn(scopedClient) };
    },
  };
}
