// The public types of the Conversations API: everything here is generated from the spec.
import type { components } from "./openapi.gen.js";

export type { paths, components, operations, webhooks, $defs } from "./openapi.gen.js";
export { specVersion } from "./spec-version.gen.js";

/** A component schema of the spec by name, e.g. `Schema<"ConversationDto">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];
