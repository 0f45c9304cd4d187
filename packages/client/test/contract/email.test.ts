// Email: get one email message, cancel a scheduled email. The vendor declares neither the `id`
// parameter, nor the Version header, security or errors of these two; the spec does.
import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import { mockClient } from "../support/clients.js";
import { expectRefusedPath } from "../support/errors.js";

const client = mockClient();

describe("GET /conversations/messages/email/{id} (get-email-by-id)", () => {
  it("puts the id in the URL and returns the email", async () => {
    const urls: string[] = [];
    const spying = mockClient("test-token", (request) => urls.push(request.url));
    const { data, response } = await spying.GET("/conversations/messages/email/{id}", {
      params: { path: { id: "em4iL1d" } },
    });
    expect(response.status).toBe(200);
    expect(urls[0]).toMatch(/\/conversations\/messages\/email\/em4iL1d$/);
    expect(schemaErrors("GetEmailMessageResponseDto", data)).toEqual([]);
    expect(data?.to.length).toBeGreaterThan(0);
  });

  it("refuses an empty id before sending anything", async () => {
    const result = await client.GET("/conversations/messages/email/{id}", {
      params: { path: { id: "" } },
    });
    expectRefusedPath(result, "id");
  });

  it("needs a token: a typed 401 without one", async () => {
    const { error, response } = await mockClient("").GET("/conversations/messages/email/{id}", {
      params: { path: { id: "em4iL1d" } },
    });
    expect(response.status).toBe(401);
    expect(schemaErrors("UnauthorizedDTO", error)).toEqual([]);
  });
});

describe("DELETE /conversations/messages/email/{emailMessageId}/schedule (cancel-scheduled-email-message)", () => {
  it("cancels and answers the success body", async () => {
    const { data, response } = await client.DELETE("/conversations/messages/email/{emailMessageId}/schedule", {
      params: { path: { emailMessageId: "em4iL1d" } },
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
