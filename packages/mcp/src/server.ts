// One MCP session's server: tools (per operation, or code mode), resources and the triage prompt,
// over the shared context. stdio makes one; HTTP makes one per request (stateless).
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import type { ServerContext } from "./context.js";
import { callCodeTool, listCodeTools } from "./code-mode/code-tools.js";
import { callOperationTool, listOperationTools } from "./operation-tools.js";
import { triageMessages, triagePrompt } from "./prompts.js";
import { readResource, ResourceError, resourceTemplates } from "./resources.js";
import { errorResult } from "./tool-result.js";
import { specVersion } from "./operations.gen.js";

export const SERVER_NAME = "conversations-api-mcp";
export const SERVER_VERSION = "0.1.0";

export function createMcpServer(context: ServerContext): Server {
  const server = new Server(
    { name: SERVER_NAME, version: SERVER_VERSION, title: "HighLevel Conversations API" },
    {
      capabilities: { tools: {}, resources: {}, prompts: {} },
      instructions:
        `The HighLevel Conversations API (spec ${specVersion}). ` +
        (context.gateway.allowWrites ? "Writes are allowed. " : "Read-only: tools that change data are not served. ") +
        (context.options.locations?.length ? `Only these locations: ${context.options.locations.join(", ")}. ` : "") +
        "Every call shares the location's rate limit (100 requests per 10 s): prefer one search with a filter to many reads.",
    },
  );
  const servesOperations = context.toolSet !== "code";
  const servesCode = context.toolSet !== "operations";

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [...(servesOperations ? listOperationTools(context) : []), ...(servesCode ? listCodeTools(context) : [])],
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args } = request.params;
    const code = servesCode ? callCodeTool(context, name, args, extra.signal) : undefined;
    if (code) return code;
    const tool = servesOperations ? context.gateway.find(name) : undefined;
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `no tool named ${context.redact(name)}`);
    if (!context.gateway.served.includes(tool)) {
      return errorResult(`${tool.name} changes data (${tool.method}); this server was started read-only: restart it with --allow-writes`, context.redact);
    }
    return callOperationTool(context, tool, args ?? {}, extra.signal);
  });

  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: [] }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    try {
      return await readResource(context, request.params.uri, extra.signal);
    } catch (error) {
      if (error instanceof ResourceError) throw new McpError(ErrorCode.InvalidParams, context.redact(error.message));
      throw new McpError(ErrorCode.InternalError, context.redact(String((error as Error)?.message ?? error)));
    }
  });

  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: [triagePrompt] }));
  server.setRequestHandler(GetPromptRequestSchema, (request) => {
    if (request.params.name !== triagePrompt.name) throw new McpError(ErrorCode.InvalidParams, `no prompt named ${request.params.name}`);
    try {
      return triageMessages(context, request.params.arguments ?? {});
    } catch (error) {
      throw new McpError(ErrorCode.InvalidParams, (error as Error).message);
    }
  });
  return server;
}
