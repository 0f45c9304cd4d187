// Preference management: custom subtypes and unsubscriptions. The vendor documents these answers
// without a body; the spec declares an open JSON object (UndocumentedResponseBody).
import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import { contractClient } from "../support/clients.js";
import { statusOf } from "../support/errors.js";

const client = contractClient();
const locationId = "ve9EPM428h8vShlRW1KT";
const contactId = "ve9EPM428kjkvShlRW1KT";

describe("GET /conversations/preferences/custom-subtypes (get-all-custom-subtypes)", () => {
  it("answers a JSON object", async () => {
    const { data, response } = await client.GET("/conversations/preferences/custom-subtypes", {
      params: { query: { locationId } },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("UndocumentedResponseBody", data)).toEqual([]);
  });

  it("surfaces a missing locationId as a typed 400", async () => {
    const { error, response } = await client.GET("/conversations/preferences/custom-subtypes", {
      // @ts-expect-error locationId is required
      params: { query: {} },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });

  it("needs a token although the vendor declares no security: a typed 401 without one", async () => {
    const { error, response } = await contractClient("").GET("/conversations/preferences/custom-subtypes", {
      params: { query: { locationId } },
    });
    expect(response.status).toBe(401);
    expect(schemaErrors("UnauthorizedDTO", error)).toEqual([]);
  });
});

describe("POST /conversations/preferences/custom-subtypes (create-custom-subtype)", () => {
  const body = { name: "Promotions", channel: "email", language: "en" } as const;

  it("creates a subtype", async () => {
    const { data, response } = await client.POST("/conversations/preferences/custom-subtypes", {
      params: { query: { locationId } },
      body,
    });
    expect([200, 201]).toContain(response.status);
    expect(schemaErrors("UndocumentedResponseBody", data)).toEqual([]);
  });

  it("surfaces a body without channel as a typed 400", async () => {
    const { error, response } = await client.POST("/conversations/preferences/custom-subtypes", {
      params: { query: { locationId } },
      // @ts-expect-error channel is required
      body: { name: "Promotions", language: "en" },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });

  it("rejects a name longer than 100 characters", async () => {
    const { response } = await client.POST("/conversations/preferences/custom-subtypes", {
      params: { query: { locationId } },
      body: { ...body, name: "x".repeat(101) },
    });
    expect(response.status).toBe(400);
  });

  it("gives the typed ForbiddenDTO with Prefer: code=403 (admin role needed)", async () => {
    const { error, response } = await client.POST("/conversations/preferences/custom-subtypes", {
      params: { query: { locationId } },
      body,
      headers: { Prefer: "code=403" },
    });
    expect(response.status).toBe(403);
    expect(schemaErrors("ForbiddenDTO", error)).toEqual([]);
  });
});

describe("PUT /conversations/preferences/custom-subtypes/{id} (update-custom-subtype)", () => {
  it("archives a subtype", async () => {
    const { data, response } = await client.PUT("/conversations/preferences/custom-subtypes/{id}", {
      params: { path: { id: "65f1c0a2b3d4e5f6a7b8c9d0" }, query: { locationId } },
      body: { archived: true },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("UndocumentedResponseBody", data)).toEqual([]);
  });

  it("surfaces a missing locationId as a typed 400", async () => {
    const { error, response } = await client.PUT("/conversations/preferences/custom-subtypes/{id}", {
      // @ts-expect-error locationId is required
      params: { path: { id: "65f1c0a2b3d4e5f6a7b8c9d0" }, query: {} },
      body: { archived: true },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });
});

describe("GET /conversations/preferences/unsubscriptions/status (get-contact-unsubscription-status)", () => {
  it("answers a JSON object", async () => {
    const { data, response } = await client.GET("/conversations/preferences/unsubscriptions/status", {
      params: { query: { locationId, contactId, email: "johndoe@mailingdomain.com" } },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("UndocumentedResponseBody", data)).toEqual([]);
  });

  it("surfaces a missing contactId as a typed 400", async () => {
    const { error, response } = await client.GET("/conversations/preferences/unsubscriptions/status", {
      // @ts-expect-error contactId is required
      params: { query: { locationId } },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });
});

describe("POST /conversations/preferences/unsubscriptions/user-change (user-subscription-change)", () => {
  it("unsubscribes a contact", async () => {
    const { data, response } = await client.POST("/conversations/preferences/unsubscriptions/user-change", {
      body: {
        locationId,
        contactId,
        email: "johndoe@mailingdomain.com",
        subscription_action: { type: "default", subtype_status: "unsubscribed" },
      },
    });
    expect([200, 201]).toContain(response.status);
    expect(schemaErrors("UndocumentedResponseBody", data)).toEqual([]);
  });

  it("surfaces a body without subscription_action as a typed 400", async () => {
    const { error, response } = await client.POST("/conversations/preferences/unsubscriptions/user-change", {
      // @ts-expect-error subscription_action is required
      body: { locationId, contactId, email: "johndoe@mailingdomain.com" },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });
});
