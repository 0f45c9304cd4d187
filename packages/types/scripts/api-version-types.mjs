// The text of src/api-versions.gen.ts: the API versions of the description, each version's types
// (openapi-typescript run on that version's view of the bundle, spec/scripts/api-versions.mjs) in a
// namespace of its own, and the operations that do not accept every version (the client reads it
// to send the one value such an operation accepts).
// Read by path, like the spec itself: this package does not depend on the spec package.
import { apiVersionsOf, apiVersionView, operationVersions } from "../../../spec/scripts/api-versions.mjs";

/** `2021-04-15` -> `api_2021_04_15`: a namespace name for a Version value. */
const namespaceOf = (version) => `api_${version.replace(/[^A-Za-z0-9_$]/g, "_")}`;

/**
 * @param {object} bundle the bundled description
 * @param {(document: object) => Promise<string>} typesOf openapi-typescript with the package's options
 * @returns {Promise<string>} the module's text, without the generated-file header
 */
export async function apiVersionTypes(bundle, typesOf) {
  const versions = apiVersionsOf(bundle);
  const namespaces = await Promise.all(
    versions.map(async (version) => {
      const types = (await typesOf(apiVersionView(bundle, version))).trimEnd().replace(/^(?=.)/gm, "    ");
      return `/** The types of Version ${version} alone (its view of the description). */\nexport declare namespace ${namespaceOf(version)} {\n${types}\n}\n`;
    }),
  );
  const map = (member) =>
    versions.map((version) => `    ${JSON.stringify(version)}: ${namespaceOf(version)}.${member};`).join("\n");
  const restricted = operationVersions(bundle)
    .filter((operation) => operation.versions.length < versions.length)
    .map(({ method, path, versions: accepted }) => `    ${JSON.stringify(`${method.toUpperCase()} ${path}`)}: ${JSON.stringify(accepted)},`)
    .join("\n");

  return `/** The values of the \`Version\` header that the description's operations accept, as first listed. */
export const apiVersions = [${versions.map((version) => JSON.stringify(version)).join(", ")}] as const;

/** A value of the \`Version\` header. */
export type ApiVersion = (typeof apiVersions)[number];

/** Each API version's operations, typed for that version (openapi-typescript's \`paths\`). */
export interface ApiVersionPaths {
${map("paths")}
}

/** Each API version's components, typed for that version. */
export interface ApiVersionComponents {
${map("components")}
}

/** Each API version's operations by operationId, typed for that version. */
export interface ApiVersionOperations {
${map("operations")}
}

/**
 * The operations that do not accept every API version, as \`METHOD /path\`, with the versions they
 * accept. Every other operation accepts all of \`apiVersions\`.
 */
export const versionRestrictedOperations: { readonly [operation: string]: readonly ApiVersion[] | undefined } = {
${restricted}
};

${namespaces.join("\n")}`;
}
