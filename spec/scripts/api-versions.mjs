// The API versions of the bundled description, and the view of it that one version's clients see.
//
// One hand-written description covers every value of the `Version` header. Each operation's
// `Version` parameter lists the values it accepts (`enum`), and a schema that differs between
// versions is a `oneOf`/`anyOf` whose branches name their version in `x-api-version`. The view of
// one version keeps the operations that accept it, narrows their `Version` to that value, keeps
// only that version's branches and drops the components that only the removed operations used:
// the description of that version alone. packages/types generates each version's types from its
// view, and the breaking-change gate compares the released and current views version by version.
//
// Pure functions of the bundled document (local `#/` refs only); the input is never changed.

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const COMPONENT_KINDS = ["schemas", "parameters", "responses", "headers", "requestBodies", "examples", "links", "callbacks", "pathItems"];
/** Keys whose values are data, not description: never searched for refs or version branches. */
const DATA_KEYS = new Set(["example", "examples", "enum", "const", "default"]);

/** The object a local `$ref` points at (following chains), or the value itself. */
function resolve(document, value) {
  const seen = new Set();
  while (value && typeof value.$ref === "string") {
    const ref = value.$ref;
    if (!ref.startsWith("#/")) throw new Error(`api-versions: ${ref} is not a local ref; pass the bundled document`);
    if (seen.has(ref)) throw new Error(`api-versions: circular ref ${ref}`);
    seen.add(ref);
    value = ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((node, key) => node?.[key], document);
    if (value === undefined) throw new Error(`api-versions: ${ref} points at nothing`);
  }
  return value;
}

function isVersionHeader(parameter) {
  return parameter?.in === "header" && String(parameter.name).toLowerCase() === "version";
}

/**
 * The API versions the `Version` parameter (inline or a ref) accepts. A value listed in the
 * schema's `x-also-accepted` is one the real API takes without it being a version of this
 * description (`2021-07-28`): the mock and the fake accept it, but it has no view and no types of
 * its own, and the client never sends it.
 */
function acceptedValues(document, parameter, where) {
  const schema = resolve(document, parameter.schema);
  const values = schema?.enum ?? (schema?.const !== undefined ? [schema.const] : undefined);
  const alsoAccepted = (schema?.["x-also-accepted"] ?? []).map(String);
  const versions = (values ?? []).map(String).filter((value) => !alsoAccepted.includes(value));
  if (versions.length === 0) {
    throw new Error(`api-versions: the Version header of ${where} lists no values (enum or const)`);
  }
  return versions;
}

/** Every operation of `paths` with the Version values it accepts. */
export function operationVersions(document) {
  return Object.entries(document.paths ?? {}).flatMap(([path, rawItem]) => {
    const item = resolve(document, rawItem);
    return METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method];
      const where = `${method.toUpperCase()} ${path}`;
      // An operation's own parameter overrides the path item's one of the same name and location.
      const version = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
        .map((parameter) => resolve(document, parameter))
        .filter(isVersionHeader)
        .at(-1);
      if (!version) throw new Error(`api-versions: ${where} declares no Version header`);
      return { method, path, operationId: operation.operationId, versions: acceptedValues(document, version, where) };
    });
  });
}

/** The Version values the document's operations accept, in the order they are first listed. */
export function apiVersionsOf(document) {
  return [...new Set(operationVersions(document).flatMap((operation) => operation.versions))];
}

/** Every `#/components/<kind>/<name>` reachable from the paths and webhooks, refs followed. */
function reachableComponents(document) {
  const reached = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/components/")) {
      const name = node.$ref.split("/").slice(0, 4).join("/");
      if (!reached.has(name)) {
        reached.add(name);
        visit(resolve(document, { $ref: name }));
      }
    }
    for (const [key, value] of Object.entries(node)) if (!DATA_KEYS.has(key)) visit(value);
  };
  visit(document.paths);
  visit(document.webhooks);
  return reached;
}

/** Keeps the `oneOf`/`anyOf` branches of `version` (and unmarked ones); one branch left replaces the union. */
function keepVersionBranches(node, version, at) {
  if (Array.isArray(node)) return node.map((item, index) => keepVersionBranches(item, version, `${at}/${index}`));
  if (node === null || typeof node !== "object") return node;
  let result = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, DATA_KEYS.has(key) ? value : keepVersionBranches(value, version, `${at}/${key}`)]),
  );
  for (const keyword of ["oneOf", "anyOf"]) {
    const branches = result[keyword];
    if (!Array.isArray(branches) || !branches.some((branch) => branch?.["x-api-version"] !== undefined)) continue;
    const kept = branches.filter((branch) => {
      const marked = branch?.["x-api-version"];
      return marked === undefined || [marked].flat().map(String).includes(version);
    });
    if (kept.length === 0) throw new Error(`api-versions: ${at}/${keyword} has no branch for Version ${version}`);
    const { [keyword]: _union, ...siblings } = result;
    if (kept.length > 1) {
      result = { ...siblings, [keyword]: kept };
    } else {
      const { "x-api-version": _marker, ...branch } = kept[0];
      result = { ...siblings, ...branch };
    }
  }
  return result;
}

/**
 * The description that clients of `version` see: only the operations that accept it, each with
 * `Version` narrowed to that value, only the schema branches of that version, and without the
 * components that only the removed operations used.
 */
export function apiVersionView(document, version) {
  const accepted = operationVersions(document);
  if (!accepted.some((operation) => operation.versions.includes(version))) {
    throw new Error(`api-versions: no operation accepts Version ${version}`);
  }
  const view = keepVersionBranches(structuredClone(document), version, "#");

  for (const { method, path, versions } of accepted) {
    if (versions.includes(version)) continue;
    const item = resolve(view, view.paths[path]);
    delete item[method];
    if (!METHODS.some((other) => item[other])) delete view.paths[path];
  }

  // Narrow every Version header that is left, inline or a component, to the one value.
  const narrow = (parameter) => {
    if (!isVersionHeader(parameter)) return;
    parameter.schema = { ...resolve(view, parameter.schema), enum: [version] };
    delete parameter.schema.const;
    delete parameter.schema["x-also-accepted"];
    delete parameter.examples;
    parameter.example = version;
  };
  for (const rawItem of Object.values(view.paths ?? {})) {
    const item = resolve(view, rawItem);
    for (const parameter of item.parameters ?? []) narrow(parameter);
    for (const method of METHODS) for (const parameter of item[method]?.parameters ?? []) narrow(parameter);
  }
  for (const parameter of Object.values(view.components?.parameters ?? {})) {
    if (isVersionHeader(parameter) && acceptedValues(view, parameter, "a component").includes(version)) narrow(parameter);
  }

  // Components that only the removed operations used go too; ones the whole description never
  // references (kept on purpose, like vendor schemas listed for cross-reference) stay.
  const before = reachableComponents(document);
  const after = reachableComponents(view);
  for (const name of before) {
    if (after.has(name)) continue;
    const [, , kind = "", key = ""] = name.split("/");
    if (COMPONENT_KINDS.includes(kind)) delete view.components[kind][key.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return view;
}
