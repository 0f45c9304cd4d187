export {
  createConversationsClient,
  DEFAULT_BASE_URL,
  type ConversationsClient,
  type ConversationsClientOptions,
} from "./client.js";
export { API_VERSION, type ClientPaths } from "./version-header.js";
export type { paths, components, operations, Schema } from "@conversations-api/types";
