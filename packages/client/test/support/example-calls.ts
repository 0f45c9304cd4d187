// A valid call of every operation of the bundled spec (@test/support's one list of operations),
// built from the spec's own examples: the path and required query parameters' `example`, the
// request body's first example; with the Version values the operation accepts (its `Version`
// parameter's enum). Contract tests that must cover every operation iterate over `exampleCalls`
// and make each call with `callOperation`.
import type { ApiVersion } from "@conversations-api/types";
import { readDereferencedSpec, specOperations } from "@test/support";

export interface ExampleCall {
  /** "GET", "PUT", ... as the client's methods are named. */
  method: "GET" | "PUT" | "POST" | "DELETE";
  path: string;
  operationId: string;
  /** The Version values the operation accepts. */
  versions: ApiVersion[];
  /** The status codes it documents. */
  responses: string[];
  /** The init of a call that the spec's examples make valid. */
  init: { params: { path: Record<string, unknown>; query: Record<string, unknown> }; body?: unknown; parseAs?: "text" | "arrayBuffer" };
  /** The request body's media type, when it has one. */
  bodyType?: string;
}

function exampleOf(parameter: any): unknown {
  return parameter.example ?? Object.values<any>(parameter.examples ?? {})[0]?.value ?? parameter.schema?.examples?.[0];
}

export const exampleCalls: ExampleCall[] = specOperations(await readDereferencedSpec()).map(
  ({ method, path, operationId, operation, pathItem }) => {
    const parameters: any[] = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])];
    const version = parameters.find((parameter) => parameter.in === "header" && parameter.name === "Version");
    const pick = (location: string) =>
      Object.fromEntries(
        parameters
          .filter((parameter) => parameter.in === location && (location === "path" || parameter.required))
          .map((parameter) => [parameter.name, exampleOf(parameter)]),
      );
    const [bodyType, media] = Object.entries<any>(operation.requestBody?.content ?? {})[0] ?? [];
    const body = media ? (Object.values<any>(media.examples ?? {})[0]?.value ?? media.schema?.examples?.[0]) : undefined;
    const okType = Object.keys((operation.responses["200"] ?? operation.responses["201"])?.content ?? {})[0];
    const parseAs = okType?.startsWith("audio/") ? "arrayBuffer" : okType?.startsWith("text/") ? "text" : undefined;
    return {
      method: method.toUpperCase() as ExampleCall["method"],
      path,
      operationId,
      versions: version?.schema?.enum ?? [],
      responses: Object.keys(operation.responses),
      init: { params: { path: pick("path"), query: pick("query") }, ...(body === undefined ? {} : { body }), ...(parseAs ? { parseAs } : {}) },
      ...(bodyType ? { bodyType } : {}),
    };
  },
);

/** The multipart body of an upload: its text fields (one field per array item) and a small file. */
function formOf(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of [value].flat()) form.append(name, String(item));
  }
  form.append("fileAttachment", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "photo.png");
  return form;
}

type AnyMethod = (path: string, init: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Makes the operation's example call through `client`, with `extra` call options (headers, apiVersion, ...). */
export function callOperation(client: Record<ExampleCall["method"], unknown>, call: ExampleCall, extra: Record<string, unknown> = {}) {
  const multipart = call.bodyType === "multipart/form-data";
  // The operations are the spec's, read at run time: the call is untyped on purpose.
  return (client[call.method] as AnyMethod)(call.path, {
    ...call.init,
    ...(multipart ? { bodySerializer: formOf } : {}),
    ...extra,
  });
}
