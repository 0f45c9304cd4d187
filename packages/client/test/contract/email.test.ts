// Email: get one email message, cancel a scheduled email, update an email's delivery status (v3).
// The vendor declares neither the `id` parameter, nor the Version header, security or errors of the
// first two; the spec does.
import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import { contractClient } from "../support/clients.js";
import { expectRefusedPath, statusOf } from "../support/errors.js";

const client = contractClient();
/** The spec's example ids: an email that was sent, and one still waiting (the fake's example data holds both). */
const emailId = "ve9EPM428h8vShlRW1KT";
const scheduledEmailId = "r5HqW2nB8kLmT4vX9cZe";

describe("GET /conversations/messages/email/{id} (get-email-by-id)", () => {
  it("puts the id in the URL and returns the email", async () => {
    const urls: string[] = [];
    const spying = contractClient("test-token", (request) => urls.push(request.url));
    const { data, response } = await spying.GET("/conversations/messages/email/{id}", {
      params: { path: { id: emailId } },
    });
    expect(response.status).toBe(200);
    expect(urls[0]).toMatch(new RegExp(`/conversations/messages/email/${emailId}$`));
    expect(schemaErrors("GetEmailByIdResponse", data)).toEqual([]);
    expect(data?.emailMessage.to.length).toBeGreaterThan(0);
  });

  it("refuses an empty id before sending anything", async () => {
    const result = await client.GET("/conversations/messages/email/{id}", {
      params: { path: { id: "" } },
    });
    expectRefusedPath(result, "id");
  });

  it("needs a token: a typed 401 without one", async () => {
    const { error, response } = await contractClient("").GET("/conversations/messages/email/{id}", {
      params: { path: { id: emailId } },
    });
    expect(response.status).toBe(401);
    expect(schemaErrors("UnauthorizedDTO", error)).toEqual([]);
  });
});

describe("DELETE /conversations/messages/email/{emailMessageId}/schedule (cancel-scheduled-email-message)", () => {
  it("cancels and answers the success body", async () => {
    const { data, response } = await client.DELETE("/conversations/messages/email/{emailMessageId}/schedule", {
      params: { path: { emailMessageId: scheduledEmailId } },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("CancelScheduledResponseDto", data)).toEqual([]);
  });

  it("refuses an empty emailMessageId before sending anything", async () => {
    const result = await client.DELETE("/conversations/messages/email/{emailMessageId}/schedule", {
      params: { path: { emailMessageId: "" } },
    });
    expectRefusedPath(result, "emailMessageId");
  });

  it("gives the typed NotFoundDTO with Prefer: code=404", async () => {
    const { error, response } = await client.DELETE("/conversations/messages/email/{emailMessageId}/schedule", {
      params: { path: { emailMessageId: "gone" } },
      headers: { Prefer: "code=404" },
    });
    expect(response.status).toBe(404);
    expect(schemaErrors("NotFoundDTO", error)).toEqual([]);
  });
});

describe("PUT /conversations/messages/email/{id}/status (update-email-message-status, v3 only)", () => {
  const path = { id: emailId };

  it("stores events and recipient statuses, sent with Version v3 from a default client", async () => {
    const versions: (string | null)[] = [];
    const spying = contractClient("test-token", (request) => versions.push(request.headers.get("Version")));
    const { data, error, response } = await spying.PUT("/conversations/messages/email/{id}/status", {
      params: { path },
      body: {
        status: "failed",
        events: { failed: 1, permanent_fail: 1 },
        recipients: [{ emailId: "jane@example.com", status: "failed", failReason: "Mailbox not found" }],
      },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(versions).toEqual(["v3"]);
    expect(schemaErrors("UpdateEmailMessageStatusResponseDto", data)).toEqual([]);
    expect(data?.success).toBe(true);
  });

  it("surfaces a body without status (required on every call) as a typed 400", async () => {
    const { error, response } = await client.PUT("/conversations/messages/email/{id}/status", {
      params: { path },
      // @ts-expect-error status is required
      body: { events: { delivered: 1 } },
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("status");
  });

  it("rejects a recipient without emailId and a counter that is not an integer", async () => {
    for (const body of [
      { status: "delivered", recipients: [{ status: "delivered" }] },
      { status: "delivered", events: { opened: 1.5 } },
    ]) {
      const { response } = await client.PUT("/conversations/messages/email/{id}/status", {
        params: { path },
        body: body as never,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("gives the typed 403 for an email not sent by the caller's custom provider", async () => {
    const { error, response } = await client.PUT("/conversations/messages/email/{id}/status", {
      params: { path },
      body: { status: "delivered" },
      headers: { Prefer: "code=403, example=notCustomProvider" },
    });
    expect(response.status).toBe(403);
    expect(schemaErrors("ForbiddenDTO", error)).toEqual([]);
    expect((error as { message?: string }).message).toMatch(/custom conversation provider/);
  });

  it("answers 400 to Version 2021-04-15, forced past the types", async () => {
    // The types refuse this call; made untyped, it shows what the mock answers.
    const put = client.PUT as (path: string, init: unknown) => Promise<{ response: Response }>;
    const { response } = await put("/conversations/messages/email/{id}/status", {
      params: { path },
      body: { status: "delivered" },
      apiVersion: "2021-04-15",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toMatch(/version/i);
  });
});
