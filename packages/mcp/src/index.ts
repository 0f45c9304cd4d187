// @conversations-api/mcp: an MCP server for the HighLevel Conversations API, generated from the spec.
export { createServerContext, type ConversationsMcpOptions, type ServerContext, type ToolSet } from "./context.js";
export { createMcpServer, SERVER_NAME, SERVER_VERSION } from "./server.js";
export { startHttpServer, MCP_PATH, type HttpOptions, type RunningHttpServer } from "./http-transport.js";
export { createFakeBackend, FAKE_TOKEN, type FakeBackendOptions } from "./fake-backend.js";
export { demoInbox, DEMO_LOCATION_ID } from "./demo-inbox.js";
export { operationTools, excludedOperations, specVersion } from "./operations.gen.js";
export type { ExcludedOperation, JsonSchema, OperationTool } from "./operation-tool.js";
export { annotationsOf } from "./operation-tools.js";
