// Masking: phones, emails, message content and names go; ids, dates, numbers and keys stay.
import { describe, expect, it } from "vitest";
import { keptHeaders, maskString, redact } from "../src/index.js";

describe("redact", () => {
  it("masks phone numbers (keeping two digits), emails, content and names; keeps ids, dates and numbers", () => {
    const answer = {
      id: "ve9EPM428h8vShlRW1KT",
      phone: "+1 (555) 000-1234",
      email: "Jane.Roe@Example.com",
      fullName: "Jane Roe",
      body: "Call me on +15550009999",
      lastMessageBody: "",
      dateAdded: "2024-03-27T18:13:49.000Z",
      unreadCount: 3,
      to: ["a@b.co", "+447700900123"],
      meta: { email: { subject: "Your order", messageIds: ["m1"] } },
      note: "reach me at +15550001111 or x@y.org",
    };
    expect(redact(answer)).toEqual({
      id: "ve9EPM428h8vShlRW1KT",
      phone: "+•••34",
      email: "•••@•••",
      fullName: "•••",
      body: "••• (23 characters)",
      lastMessageBody: "",
      dateAdded: "2024-03-27T18:13:49.000Z",
      unreadCount: 3,
      to: ["•••@•••", "+•••23"],
      meta: { email: { subject: "••• (10 characters)", messageIds: ["m1"] } },
      note: "reach me at +•••11 or •••@•••",
    });
  });

  it("removes the token wherever it is, keys included", () => {
    expect(redact({ auth: "Bearer tok-123-secret", ["tok-123-secret"]: 1 }, { token: "tok-123-secret" })).toEqual({ auth: "Bearer [token]", "[token]": 1 });
    expect(maskString("tok-123-secret", "tok-123-secret")).toBe("[token]");
  });

  it("cuts arrays for samples, saying how many items it left out", () => {
    expect(redact({ list: [1, 2, 3, 4] }, { maxItems: 2 })).toEqual({ list: [1, 2, "… 2 more"] });
  });

  it("keeps only the media type and the rate-limit headers", () => {
    const headers = new Headers({ "content-type": "application/json", "x-ratelimit-remaining": "9", "set-cookie": "session=abc", "x-request-id": "r1" });
    expect(keptHeaders(headers)).toEqual({ "content-type": "application/json", "x-ratelimit-remaining": "9" });
  });
});
