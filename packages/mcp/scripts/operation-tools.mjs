// The MCP tool of each JSON operation of the spec: its name, description, input and output JSON
// Schemas and annotations, as data for src/operations.gen.ts. Operations a tool cannot carry are
// listed with the reason (left out of the tools, or served as a resource).
import { cleanSchema } from "./spec-walk.mjs";

/** Cursor's limit; names are the operationIds, which all fit, but a longer one must not break a client. */
export const MAX_TOOL_NAME = 60;

export function toolName(operationId) {
  const name = operationId.replace(/[^A-Za-z0-9_-]/g, "_");
  if (name.length <= MAX_TOOL_NAME) return name;
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${name.slice(0, MAX_TOOL_NAME - 7)}_${hash.toString(36).slice(0, 6).padStart(6, "0")}`;
}

function jsonMedia(content) {
  return Object.entries(content ?? {}).find(([type]) => type === "application/json" || type.endsWith("+json"));
}

function successResponse(operation) {
  const status = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  return status ? operation.responses[status] : undefined;
}

/** Why an operation is not a tool, or undefined when it is one. */
function exclusion(operation) {
  const body = operation.requestBody?.content;
  if (body && !jsonMedia(body)) {
    return `its request body is ${Object.keys(body).join(", ")} (a file upload), which a tool's JSON arguments cannot carry; use initiate-file-upload and complete-file-upload, or the client's uploadFiles()`;
  }
  const ok = successResponse(operation);
  if (ok?.content && !jsonMedia(ok.content)) {
    return `its answer is ${Object.keys(ok.content).join(", ")}, not JSON: served as a resource instead (see resources/templates/list)`;
  }
  return undefined;
}

function describe(operation, method, path, scopes) {
  const parts = [operation.summary, operation.description, `${method.toUpperCase()} ${path}.`];
  if (scopes.length) parts.push(`Scope: ${scopes.join(" or ")}.`);
  return parts.filter(Boolean).join("\n\n");
}

export function operationTools(operations) {
  const tools = [];
  const excluded = [];
  const names = new Set();
  for (const { method, path, operation, parameters } of operations) {
    const reason = exclusion(operation);
    const ok = successResponse(operation);
    if (reason) {
      excluded.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        reason,
        ...(ok?.content ? { mediaType: Object.keys(ok.content)[0] } : {}),
      });
      continue;
    }
    const name = toolName(operation.operationId);
    if (names.has(name)) throw new Error(`two operations give the tool name ${name}`);
    names.add(name);

    const properties = {};
    const required = [];
    const argumentsIn = [];
    let versions = [];
    for (const parameter of parameters) {
      if (parameter.in === "header" && parameter.name === "Version") {
        versions = parameter.schema?.enum ?? [];
        continue;
      }
      if (parameter.in !== "path" && parameter.in !== "query") {
        throw new Error(`${operation.operationId}: a ${parameter.in} parameter (${parameter.name}) has no place in a tool's input yet`);
      }
      if (properties[parameter.name]) throw new Error(`${operation.operationId}: two parameters named ${parameter.name}`);
      properties[parameter.name] = cleanSchema({ ...parameter.schema, ...(parameter.description ? { description: parameter.description } : {}) });
      if (parameter.required || parameter.in === "path") required.push(parameter.name);
      argumentsIn.push({ name: parameter.name, in: parameter.in });
    }
    const body = jsonMedia(operation.requestBody?.content)?.[1];
    if (body) {
      if (properties.body) throw new Error(`${operation.operationId}: a parameter named body`);
      properties.body = cleanSchema({ ...body.schema, ...(operation.requestBody.description ? { description: operation.requestBody.description } : {}) });
      if (operation.requestBody.required) required.push("body");
    }
    if (versions.length > 1) {
      properties.apiVersion = {
        type: "string",
        enum: versions,
        description: `The API version (Version header). Default: the server's (${versions[0]}).`,
      };
    }
    const output = jsonMedia(ok?.content)?.[1]?.schema;
    const scopes = [...new Set((operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat()))];
    tools.push({
      name,
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      title: operation.summary ?? operation.operationId,
      description: describe(operation, method, path, scopes),
      readOnly: method === "get",
      parameters: argumentsIn,
      hasBody: Boolean(body),
      versions,
      inputSchema: { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false },
      // MCP wants an object at the top of an output schema; every success body of the spec is one.
      outputSchema: output ? { ...cleanSchema(output), type: "object" } : { type: "object" },
    });
  }
  return { tools, excluded };
}
