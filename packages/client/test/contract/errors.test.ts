import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import { contractClient } from "../support/clients.js";

describe("authentication", () => {
  it("gets a typed 401 without a token", async () => {
    const client = contractClient("");
    const { data, error, response } = await client.GET("/conversations/{conversationId}", {
      params: { path: { conversationId: "abc" } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(schemaErrors("UnauthorizedDTO", error)).toEqual([]);
    expect(error && "error" in error ? error.error : undefined).toBe("Unauthorized");
  });

  it("sends the Version header on every call without the caller passing it", async () => {
    const seen: Request[] = [];
    const { createConversationsClient } = await import("../../src/index.js");
    const client = createConversationsClient({
      token: "secret-token",
      fetch: async (input) => {
        seen.push(input as Request);
        return Response.json({ success: true });
      },
    });
    await client.DELETE("/conversations/{conversationId}", { params: { path: { conversationId: "c1" } } });
    expect(seen[0]?.headers.get("Version")).toBe("2021-04-15");
    expect(seen[0]?.headers.get("Authorization")).toBe("Bearer secret-token");
    expect(seen[0]?.url).toBe("https://services.leadconnectorhq.com/conversations/c1");
  });
});

describe("documented error responses selected with Prefer", () => {
  const client = contractClient();
  const cases = [
    { code: 400, schema: "BadRequestDTO" },
    { code: 401, schema: "UnauthorizedDTO" },
  ] as const;

  for (const { code, schema } of cases) {
    it(`Prefer: code=${code} gives the typed ${schema} body`, async () => {
      const { data, error, response } = await client.GET("/conversations/search", {
        params: { query: { locationId: "loc" } },
        headers: { Prefer: `code=${code}` },
      });
      expect(data).toBeUndefined();
      expect(response.status).toBe(code);
      expect(error?.statusCode).toBe(code);
      expect(schemaErrors(schema, error)).toEqual([]);
    });
  }
});
