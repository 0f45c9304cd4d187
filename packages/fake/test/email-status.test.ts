// update-email-message-status (v3): a custom provider's report on an email it sent, with the
// vendor's rules (the operation's description in the spec): the status is overwritten, event
// counters add up (a 0 never resets), what an event implies is inferred, recipients are upserted by
// address, the first delivered/opened/clicked times never move; 403 for an email the provider did
// not send, 404 for none. What was stored: `fake.emailDelivery(id)`, and `/__fake/emails/{id}/delivery`.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createFake, type Fake, type Fixtures, manualClock, type RunningFake, startFake } from "../src/index.js";
import { specCheckedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const locationId = "LocEmail000000000001";
const conversationId = "ConvEmail00000000001";
const contactId = "ContactEmail00000001";
const providerId = "Provider000000000001";
const customEmail = "EmailCustom000000001";
const untrackedEmail = "EmailNoOpens00000001";
const lcEmail = "EmailLcGmail00000001";
const inboundEmail = "EmailInbound00000001";
const scheduledEmail = "EmailLater0000000001";

const email = (id: string, fields: Record<string, unknown> = {}) => ({
  conversationId,
  direction: "outbound" as const,
  messageType: "TYPE_EMAIL",
  body: "<p>Your order shipped</p>",
  dateAdded: "2026-04-01T09:00:00.000Z",
  status: "sent",
  conversationProviderId: providerId,
  ...fields,
  email: { id, subject: "Shipped", from: "shop@example.com", to: ["jane@example.com"], cc: ["John@Example.com"], ...((fields.email as object) ?? {}) },
});

const fixtures: Fixtures = {
  contacts: [{ id: contactId, locationId, fullName: "Jane Doe", email: "jane@example.com" }],
  conversations: [{ id: conversationId, locationId, contactId }],
  messages: [
    { id: "MsgCustom00000000001", ...email(customEmail) },
    { id: "MsgNoOpens0000000001", ...email(untrackedEmail, { email: { openTracking: false } }) },
    // Sent through LC Email: no custom provider.
    { id: "MsgLcGmail0000000001", ...email(lcEmail), conversationProviderId: undefined },
    { id: "MsgInbound0000000001", ...email(inboundEmail), direction: "inbound" },
    { id: "MsgLater000000000001", ...email(scheduledEmail), status: "scheduled", scheduledAt: "2026-05-01T09:00:00.000Z" },
  ] as Fixtures["messages"],
};

let fake: Fake;
let clock: ReturnType<typeof manualClock>;
const fetch = specCheckedFetch(() => fake);
const client = clientOf(fetch);

beforeEach(() => {
  clock = manualClock("2026-04-01T10:00:00.000Z");
  fake = createFake({ clock, rateLimit: false, fixtures });
});

type Update = { status: "delivered" | "opened" | "clicked" | "failed" | "sent"; events?: Record<string, number>; recipients?: Array<{ emailId: string; status: "delivered" | "opened" | "clicked" | "failed"; failReason?: string }> };

const report = (id: string, body: Update) => client.PUT("/conversations/messages/email/{id}/status", { params: { path: { id } }, body });

describe("a custom provider's report on an email it sent", () => {
  it("is stored: 200, and the email's and its message's status is the reported one", async () => {
    const { data, response } = await report(customEmail, { status: "delivered", events: { delivered: 1 } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ success: true, message: "Updated email message successfully", traceId: expect.any(String) });
    expect((await client.GET("/conversations/messages/email/{id}", { params: { path: { id: customEmail } } })).data?.emailMessage.status).toBe("delivered");
    expect((await client.GET("/conversations/messages/{id}", { params: { path: { id: "MsgCustom00000000001" } } })).data?.message.status).toBe("delivered");
    expect(fake.emailDelivery(customEmail)).toMatchObject({ emailMessageId: customEmail, status: "delivered", events: { delivered: 1, accepted: 1 } });
  });

  it("adds each counter to the stored one; a 0 changes nothing and never resets; the status is overwritten", async () => {
    await report(customEmail, { status: "opened", events: { opened: 1, esp_isp_block: 2 } });
    await report(customEmail, { status: "opened", events: { opened: 2, esp_isp_block: 0, delivered: 0 } });
    await report(customEmail, { status: "sent", events: { opened: 0 } });
    // The first call's `opened` implied delivered, and that implied accepted; the second sent `delivered: 0` itself.
    expect(fake.emailDelivery(customEmail)).toMatchObject({ status: "sent", events: { opened: 3, esp_isp_block: 2, delivered: 1, accepted: 1 } });
  });

  it("infers what an event implies: a click means opened, delivered and accepted; a provider's permanent_fail means accepted", async () => {
    await report(customEmail, { status: "clicked", events: { clicked: 1 } });
    expect(fake.emailDelivery(customEmail)?.events).toEqual({ clicked: 1, opened: 1, delivered: 1, accepted: 1 });
    await report(customEmail, { status: "failed", events: { failed: 1, permanent_fail: 1 } });
    expect(fake.emailDelivery(customEmail)?.events).toEqual({ clicked: 1, opened: 1, delivered: 1, accepted: 2, failed: 1, permanent_fail: 1 });
  });

  it("infers no open when open tracking is off for the email, and nothing the call sends itself", async () => {
    await report(untrackedEmail, { status: "clicked", events: { replied: 1 } });
    expect(fake.emailDelivery(untrackedEmail)?.events).toEqual({ replied: 1, delivered: 1, accepted: 1 });
    await report(customEmail, { status: "clicked", events: { clicked: 1, opened: 0 } });
    expect(fake.emailDelivery(customEmail)?.events).toEqual({ clicked: 1, opened: 0, delivered: 1, accepted: 1 });
  });

  it("upserts recipients by address (whatever its case): a named one gets its new status, the others keep theirs", async () => {
    await report(customEmail, {
      status: "failed",
      recipients: [
        { emailId: "jane@example.com", status: "failed", failReason: "Mailbox not found" },
        { emailId: "john@example.com", status: "delivered" },
      ],
    });
    await report(customEmail, { status: "delivered", recipients: [{ emailId: "JANE@example.com", status: "delivered" }] });
    expect(fake.emailDelivery(customEmail)?.recipients).toEqual([
      { emailId: "jane@example.com", status: "delivered" },
      { emailId: "john@example.com", status: "delivered" },
    ]);
  });

  it("records when delivered, opened and clicked first happened, and never moves those times", async () => {
    await report(customEmail, { status: "delivered", events: { delivered: 1 } });
    clock.advance(60_000);
    await report(customEmail, { status: "opened", events: { opened: 1 } });
    clock.advance(60_000);
    await report(customEmail, { status: "clicked", events: { clicked: 1, delivered: 1 } });
    expect(fake.emailDelivery(customEmail)?.firstAt).toEqual({
      delivered: "2026-04-01T10:00:00.000Z",
      opened: "2026-04-01T10:01:00.000Z",
      clicked: "2026-04-01T10:02:00.000Z",
    });
  });
});

describe("what it refuses, changing nothing", () => {
  it("403 ForbiddenDTO for an email sent through LC Email, and for one the contact sent", async () => {
    for (const id of [lcEmail, inboundEmail]) {
      const { error, response } = await report(id, { status: "delivered", events: { delivered: 1 } });
      expect(response.status, id).toBe(403);
      expect(error).toEqual({ statusCode: 403, message: "Status updates are supported only for emails sent by a custom conversation provider", error: "Forbidden", traceId: expect.any(String) });
      expect(fake.emailDelivery(id)?.events).toEqual({});
    }
  });

  it("404 for an email the fake does not have", async () => {
    const { response } = await report("NoSuchEmail000000001", { status: "delivered" });
    expect(response.status).toBe(404);
  });

  it("400 for a recipient the email was not sent to, a failReason without failed, a negative counter, an email not sent yet", async () => {
    const refused: Array<[string, Update, RegExp]> = [
      [customEmail, { status: "delivered", recipients: [{ emailId: "stranger@example.com", status: "delivered" }] }, /stranger@example.com is not a recipient/],
      [customEmail, { status: "delivered", recipients: [{ emailId: "jane@example.com", status: "delivered", failReason: "?" }] }, /failReason goes with status failed only/],
      [customEmail, { status: "delivered", events: { delivered: -1 } }, /events.delivered must be 0 or more/],
      [scheduledEmail, { status: "delivered" }, /scheduled and not sent yet/],
    ];
    for (const [id, body, message] of refused) {
      const { error, response } = await report(id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((error as { message: string }).message).toMatch(message);
    }
    expect(fake.emailDelivery(customEmail)).toEqual({ emailMessageId: customEmail, status: "sent", events: {}, recipients: [], firstAt: {} });
  });

  it("400 for Version 2021-04-15 (the operation is in v3 only), and for a body without status", async () => {
    const put = (version: string, body: unknown) =>
      fetch(`http://fake.test/conversations/messages/email/${customEmail}/status`, {
        method: "PUT",
        headers: { Authorization: "Bearer t", Version: version, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await put("2021-04-15", { status: "delivered" })).status).toBe(400);
    expect((await put("v3", { events: { delivered: 1 } })).status).toBe(400);
    expect((await put("v3", { status: "delivered" })).status).toBe(200);
  });
});

describe("over HTTP, the admin surface shows what was stored", () => {
  let running: RunningFake | undefined;
  afterAll(() => running?.stop());

  it("GET /__fake/emails/{id}/delivery: the report; 404 for no such email", async () => {
    running = await startFake({ fixtures, rateLimit: false });
    const overHttp = clientOf((request, init) => globalThis.fetch(request, init), { baseUrl: running.url });
    await overHttp.PUT("/conversations/messages/email/{id}/status", { params: { path: { id: customEmail } }, body: { status: "clicked", events: { clicked: 1 } } });
    const delivery = await globalThis.fetch(`${running.url}/__fake/emails/${customEmail}/delivery`);
    expect(delivery.status).toBe(200);
    expect(await delivery.json()).toMatchObject({ emailMessageId: customEmail, status: "clicked", events: { clicked: 1, opened: 1, delivered: 1, accepted: 1 } });
    expect((await globalThis.fetch(`${running.url}/__fake/emails/nope/delivery`)).status).toBe(404);
  });
});
