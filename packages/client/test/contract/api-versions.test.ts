// The `Version` header of every operation of the spec, against the mock (which serves the one
// description with each operation's accepted values) and the fake (which validates against it): a
// client of each API version sends its own version to the operations that accept it and the server
// accepts the call; to an operation that accepts one version only, every client sends that one; and a
// version the operation does not accept, forced past the types, is a 400. Each call is the
// operation's example call (the spec's example ids, which the fake's example data holds), from the
// example data (a create, a delete or a cancel succeeds once).
import { apiVersions, type ApiVersion } from "@conversations-api/types";
import { describe, expect, it } from "vitest";
import { freshState } from "../support/backend.js";
import { contractClient } from "../support/clients.js";
import { callOperation, exampleCalls, type ExampleCall } from "../support/example-calls.js";

/** Calls `operation` with its example input through a client of `clientVersion`; returns the Version sent and the status. */
async function call(operation: ExampleCall, clientVersion: ApiVersion, callVersion?: ApiVersion) {
  await freshState();
  const sent: string[] = [];
  const client = contractClient("test-token", (request) => sent.push(request.headers.get("Version") ?? "(none)"), clientVersion);
  const { response } = await callOperation(client, operation, callVersion ? { apiVersion: callVersion } : {});
  return { sent, status: response.status, violations: response.headers.get("sl-violations") ?? "" };
}

describe("every operation's Version header", () => {
  it("covers the spec's 30 operations and its two versions", () => {
    expect(exampleCalls).toHaveLength(30);
    expect([...apiVersions]).toEqual(["2021-04-15", "v3"]);
  });

  for (const operation of exampleCalls) {
    const name = `${operation.method} ${operation.path} (${operation.operationId})`;
    const others = apiVersions.filter((version) => !operation.versions.includes(version));

    describe(name, () => {
      it(`accepts ${operation.versions.join(" and ")}: a client of each sends its own`, async () => {
        for (const version of operation.versions) {
          const { sent, status, violations } = await call(operation, version);
          expect(sent, version).toEqual([version]);
          expect(status, `${version}: ${violations}`).toBeLessThan(300);
        }
      });

      if (others.length > 0) {
        it(`sends ${operation.versions[0]} from a client of ${others.join(", ")}, the one version it accepts`, async () => {
          for (const version of others) {
            const { sent, status, violations } = await call(operation, version);
            expect(sent).toEqual([operation.versions[0]]);
            expect(status, violations).toBeLessThan(300);
          }
        });

        it(`answers 400 to ${others.join(", ")} selected for the call (past the types)`, async () => {
          for (const version of others) {
            const { sent, status, violations } = await call(operation, operation.versions[0]!, version);
            expect(sent).toEqual([version]);
            expect(status).toBe(400);
            expect(violations).toMatch(/version/i);
          }
        });
      } else {
        it("sends the call's own apiVersion over the client's", async () => {
          const { sent, status } = await call(operation, "2021-04-15", "v3");
          expect(sent).toEqual(["v3"]);
          expect(status).toBeLessThan(300);
        });
      }
    });
  }
});
