// The reality suite's fixtures: one answer each, in the shape the production API sends it
// ("real") or in the one the vendor documents ("documented"), written for this suite from the
// facts in the repository's spec/DEVIATIONS.md. A stub `fetch` serves them to the built client.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { specOperations } from "@test/support";

export interface RealityFixture {
  /** The file's name without `.json`, e.g. `get-messages.real`. */
  name: string;
  /** The spec's operationId. */
  operation: string;
  /** "real": as production answers (validates against the operation's response); "documented": as the vendor documents it. */
  shape: "real" | "documented";
  /** What the shape rests on: the reports, recordings or code that show it, and how sure they are. */
  evidence: string;
  /** A documented fixture: the component schema of the vendor's shape it validates against. */
  validatesAs?: string;
  status: number;
  headers: Record<string, string>;
  /** The JSON body; absent for an empty one. */
  body?: unknown;
  /** The operation's method and path, from the spec. */
  method: string;
  path: string;
}

const directory = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** Every fixture, by name. */
export const fixtures: ReadonlyMap<string, RealityFixture> = new Map(
  readdirSync(directory)
    .filter((file) => file.endsWith(".json"))
    .map((file) => {
      const name = file.slice(0, -".json".length);
      const raw = JSON.parse(readFileSync(directory + file, "utf8")) as Omit<RealityFixture, "name" | "method" | "path">;
      const operation = specOperations().find((candidate) => candidate.operationId === raw.operation);
      if (!operation) throw new Error(`fixture ${name}: no operation ${raw.operation} in the spec`);
      return [name, { ...raw, name, method: operation.method.toUpperCase(), path: operation.path }];
    }),
);

export function fixture(name: string): RealityFixture {
  const found = fixtures.get(name);
  if (!found) throw new Error(`no fixture ${name} (test/fixtures/${name}.json)`);
  return found;
}

/** The fixture as the HTTP response the server would send. */
export function responseOf({ status, headers, body }: RealityFixture): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers });
}

export interface StubFetch {
  (request: Request, init?: RequestInit): Promise<Response>;
  /** The requests it answered, in order. */
  readonly requests: Request[];
}

/** A `fetch` that answers each request with the next fixture, and fails the test when it runs out. */
export function serving(...names: string[]): StubFetch {
  const queue = names.map(fixture);
  const requests: Request[] = [];
  const stub = async (request: Request) => {
    requests.push(request);
    const next = queue.shift();
    if (!next) throw Object.assign(new Error(`request ${requests.length} (${request.method} ${request.url}) has no fixture left`), { retryable: false });
    return responseOf(next);
  };
  return Object.assign(stub, { requests });
}
