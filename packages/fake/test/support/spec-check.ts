// Checks answers against the bundled spec, independently of the fake's own reading of it: the
// operation is found from the request's method and path (@test/support's list of operations), the
// status must be one the operation documents, and the body (JSON, text or bytes) and documented
// headers must match their schemas (@conversations-api/validator, the repository's one validator).
import { sharedValidator } from "@conversations-api/validator";
import { errorsAt, readBundledSpec, specOperations, type SpecOperation } from "@test/support";

export const spec = readBundledSpec();

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Follows a local `$ref` of the spec. */
export function deref(node: any): any {
  while (node?.$ref) node = node.$ref.slice(2).split("/").reduce((at: any, key: string) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  return node;
}

// Static paths win over templated ones, as in any router.
const matchers = [...specOperations(spec)]
  .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))
  .map((entry) => ({ ...entry, pattern: new RegExp(`^${entry.path.replace(/\{[^}]+\}/g, "[^/]*")}$`) }));

export function operationOf(method: string, url: string): SpecOperation | undefined {
  const path = new URL(url).pathname;
  return matchers.find((entry) => entry.method === method.toLowerCase() && entry.pattern.test(path));
}

/** What is wrong with `response` as an answer to `method url`; [] when it matches the spec. */
export async function answerViolations(method: string, url: string, response: Response): Promise<string[]> {
  const found = operationOf(method, url);
  if (!found) return [`${method} ${new URL(url).pathname} is not an operation of the spec`];
  const status = String(response.status);
  const documented = found.operation.responses[status];
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const text = type.includes("json") ? await response.clone().text() : undefined;
  // Status, documented headers, media type and a JSON body: the repository's validator.
  const problems = sharedValidator()
    .response(found.operationId, { status: response.status, headers: response.headers, ...(text === undefined ? {} : { text }) })
    .map((violation) => `${found.operationId} ${violation.in} ${violation.path} ${violation.message}`);
  if (!documented) return problems;
  // Stricter than the spec's `required`: a 429 must carry every rate-limit header it documents.
  if (status === "429")
    for (const name of Object.keys(deref(documented).headers ?? {})) if (response.headers.get(name) === null) problems.push(`header ${name} is missing`);
  // Bytes (a recording, a transcript file): at least not empty.
  if (text === undefined && Object.keys(deref(documented).content ?? {}).length > 0) {
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    if (bytes.byteLength === 0) problems.push("the body is empty");
  }
  return problems;
}

/**
 * What is wrong with `payload` as the body of the `name` webhook of the spec: its schema's errors,
 * and every field the schema does not declare (the schemas allow extra fields, as the vendor may
 * add some; the fake must not invent them). [] when it matches.
 */
export function webhookViolations(name: string, payload: unknown): string[] {
  const media = spec.webhooks?.[name]?.post?.requestBody?.content?.["application/json"];
  if (!media) return [`the spec has no ${name} webhook`];
  const problems = errorsAt(`/webhooks/${escape(name)}/post/requestBody/content/application~1json/schema`, payload).map((error) => `${name} ${error}`);
  const declared = Object.keys(deref(media.schema).properties ?? {});
  for (const field of Object.keys(payload as object)) if (!declared.includes(field)) problems.push(`${name} $.${field} is not a field of the spec's ${name}`);
  return problems;
}
