// The public types of the Conversations API: everything here is generated from the spec.
import type { components } from "./openapi.gen.js";
import type { ApiVersion, ApiVersionComponents } from "./api-versions.gen.js";

/** The types of the whole description (every operation, every Version value it accepts). */
export type { paths, components, operations, webhooks, $defs } from "./openapi.gen.js";
export { specVersion } from "./spec-version.gen.js";
/** The API versions, and each version's own types (the description as that version's clients see it). */
export { apiVersions, versionRestrictedOperations } from "./api-versions.gen.js";
export type { ApiVersion, ApiVersionComponents, ApiVersionOperations, ApiVersionPaths } from "./api-versions.gen.js";

/** A component schema of the spec by name, e.g. `Schema<"ConversationDto">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

/** A component schema as one API version has it, e.g. `ApiVersionSchema<"v3", "UpdateConversationDto">`. */
export type ApiVersionSchema<
  Version extends ApiVersion,
  Name extends keyof ApiVersionComponents[Version]["schemas"],
> = ApiVersionComponents[Version]["schemas"][Name];
