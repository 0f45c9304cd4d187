// Code mode's documentation, bundled at generate time (src/code-docs.gen.ts): the TypeScript
// signature of each client call (compact, for run_code's description), and the entries search_docs
// searches: operations, parameters, schemas and spec/DEVIATIONS.md, each with the call's signature.
import { dereference, httpMethods } from "./spec-walk.mjs";

const MAX_ENUM = 6;

/** A JSON Schema as a TypeScript type: `$ref`s by name, objects `depth` levels deep. */
export function tsType(schema, depth = 1) {
  if (!schema || typeof schema !== "object") return "unknown";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) {
    return schema.enum.length <= MAX_ENUM ? schema.enum.map((value) => JSON.stringify(value)).join(" | ") : `${schema.type ?? "string"} /* ${schema.enum.length} values */`;
  }
  for (const union of ["oneOf", "anyOf"]) {
    if (!Array.isArray(schema[union])) continue;
    const branches = schema[union];
    if (branches.length > MAX_ENUM && branches.every((branch) => branch.const !== undefined)) return `${typeof branches[0].const} /* ${branches.length} values */`;
    return [...new Set(branches.map((branch) => tsType(branch, depth)))].join(" | ");
  }
  if (Array.isArray(schema.allOf)) return schema.allOf.map((branch) => tsType(branch, depth)).join(" & ");
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const printed = types.map((type) => {
    switch (type) {
      case "string":
        return "string";
      case "number":
      case "integer":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "array": {
        const item = tsType(schema.items, depth);
        return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
      }
      default:
        if (schema.properties) {
          if (depth <= 0) return "{...}";
          const required = new Set(schema.required ?? []);
          return `{ ${Object.entries(schema.properties)
            .map(([name, property]) => `${/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}${required.has(name) ? "" : "?"}: ${tsType(property, depth - 1)}`)
            .join("; ")} }`;
        }
        if (schema.additionalProperties && typeof schema.additionalProperties === "object") return `Record<string, ${tsType(schema.additionalProperties, depth)}>`;
        return type === "object" ? "Record<string, unknown>" : "unknown";
    }
  });
  return printed.join(" | ");
}

function successSchema(operation) {
  const status = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  const content = status ? operation.responses[status].content : undefined;
  const json = Object.entries(content ?? {}).find(([type]) => type.includes("json"));
  return json ? json[1].schema : undefined;
}

/** The (non-dereferenced) schema of the items of the list `key` in an answer: at the top or in a wrapper. */
function listItems(spec, schema, key, depth = 0) {
  const raw = schema?.$ref ? schema.$ref.slice(2).split("/").reduce((at, part) => at?.[part], spec) : schema;
  const property = raw?.properties?.[key];
  if (property?.type === "array") return property.items;
  return property && depth < 2 ? listItems(spec, property, key, depth + 1) : undefined;
}

/** The client's iterators (its public API), each over one paged operation's list. */
const iterators = [
  { name: "searchConversations", operationId: "search-conversation", list: "conversations", args: (query) => `query: ${query}, options?: { pageSize?: number }` },
  { name: "conversationMessages", operationId: "get-messages", list: "messages", args: (query) => `conversationId: string, query?: ${query}, options?: { pageSize?: number }` },
  { name: "exportMessages", operationId: "export-messages-by-location", list: "messages", args: (query) => `query: ${query}, options?: { pageSize?: number }` },
];

function parametersOf(spec, path, method) {
  const pathItem = spec.paths[path];
  return dereference(spec, [...(pathItem.parameters ?? []), ...(pathItem[method].parameters ?? [])]);
}

function paramsType(parameters, where, omit = []) {
  const list = parameters.filter((parameter) => parameter.in === where && !omit.includes(parameter.name));
  if (!list.length) return undefined;
  return `{ ${list.map((parameter) => `${parameter.name}${parameter.required || where === "path" ? "" : "?"}: ${tsType(parameter.schema, 0)}`).join("; ")} }`;
}

export function codeDocs(spec, deviationsMarkdown, tools) {
  const served = new Set(tools.map((tool) => tool.operationId));
  const signatures = [];
  const entries = [];
  for (const [path, pathItem] of Object.entries(spec.paths)) {
    for (const method of httpMethods) {
      const operation = pathItem[method];
      if (!operation || !served.has(operation.operationId)) continue;
      const parameters = parametersOf(spec, path, method);
      const pathType = paramsType(parameters, "path");
      const queryType = paramsType(parameters, "query");
      const body = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
      const init = [
        pathType || queryType ? `params: { ${[pathType && `path: ${pathType}`, queryType && `query${parameters.some((p) => p.in === "query" && p.required) ? "" : "?"}: ${queryType}`].filter(Boolean).join("; ")} }` : undefined,
        body ? `body: ${tsType(body, 0)}` : undefined,
      ].filter(Boolean);
      const answer = successSchema(operation);
      const signature = `client.${method.toUpperCase()}("${path}"${init.length ? `, { ${init.join("; ")} }` : ""}) → ${answer ? tsType(answer, 0) : "{}"}`;
      const readOnly = method === "get";
      signatures.push(`// ${operation.operationId}${readOnly ? "" : " (write: needs --allow-writes)"}: ${operation.summary ?? ""}\n${signature}`);
      entries.push({
        kind: "operation",
        id: operation.operationId,
        title: `${operation.operationId}: ${operation.summary ?? ""} (${method.toUpperCase()} ${path})`,
        text: [operation.summary, operation.description, ...parameters.filter((p) => p.in !== "header").map((p) => `${p.in} parameter ${p.name}: ${p.description ?? ""}`)].filter(Boolean).join("\n"),
        signature,
      });
      for (const parameter of parameters.filter((p) => p.in === "path" || p.in === "query")) {
        entries.push({
          kind: "parameter",
          id: `${operation.operationId}.${parameter.name}`,
          title: `${parameter.name} (${parameter.in} parameter of ${operation.operationId})`,
          text: `${parameter.description ?? ""}\nType: ${tsType(parameter.schema, 1)}${parameter.required ? " (required)" : ""}`,
          signature,
        });
      }
    }
  }
  const itemTypes = new Map();
  for (const iterator of iterators) {
    const tool = tools.find((candidate) => candidate.operationId === iterator.operationId);
    if (!tool) continue;
    const parameters = parametersOf(spec, tool.path, tool.method.toLowerCase());
    const query = paramsType(parameters, "query", ["limit", "conversationId"]) ?? "{}";
    const answer = successSchema(spec.paths[tool.path][tool.method.toLowerCase()]);
    const itemSchema = listItems(spec, answer, iterator.list);
    const item = tsType(itemSchema, 0);
    if (itemSchema?.$ref && !itemTypes.has(item)) itemTypes.set(item, `type ${item} = ${tsType(dereference(spec, itemSchema), 1)}`);
    const signature = `client.${iterator.name}(${iterator.args(query)}) → AsyncIterable<${item}>`;
    signatures.push(`// every item of ${iterator.operationId}, across pages (for await ... of; break when you have enough)\n${signature}`);
    entries.push({ kind: "operation", id: iterator.name, title: `${iterator.name}: every ${iterator.list === "messages" ? "message" : "conversation"} across pages (${iterator.operationId})`, text: `Pages through ${iterator.operationId} with the client's iterator.`, signature });
  }
  signatures.push(...itemTypes.values());
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    const fields = Object.entries(schema.properties ?? {}).map(([field, property]) => `${field}: ${property.description ?? ""}`);
    entries.push({ kind: "schema", id: name, title: `schema ${name}`, text: [schema.description, ...fields].filter(Boolean).join("\n"), signature: `type ${name} = ${tsType(schema, 1)}` });
  }
  const sections = deviationsMarkdown.split(/^### /m).slice(1);
  for (const section of sections) {
    const [heading, ...body] = section.split("\n");
    const id = heading.replaceAll("`", "").trim();
    entries.push({ kind: "deviation", id, title: `deviation ${id} (how the API really behaves)`, text: body.join("\n").trim(), signature: "" });
  }
  return { signatures: signatures.join("\n"), entries };
}
