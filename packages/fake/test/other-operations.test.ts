// Uploads, preferences, recordings and transcriptions, live chat: each keeps what it should.
import { beforeEach, describe, expect, it } from "vitest";
import { createFake, exampleFixtures, type Fake, manualClock, silentWav } from "../src/index.js";
import { specCheckedFetch } from "./support/checked.js";
import { clientOf } from "./support/clients.js";

const locationId = "ve9EPM428h8vShlRW1KT";
const conversationId = "tDtDnQdgm2LXpyiqYvZ6";
const contactId = "ve9EPM428kjkvShlRW1KT";
let fake: Fake;
let clock: ReturnType<typeof manualClock>;
const fetch = specCheckedFetch(() => fake);
const client = clientOf(fetch);

beforeEach(() => {
  clock = manualClock("2026-03-01T10:00:00.000Z");
  fake = createFake({ clock, rateLimit: false, fixtures: exampleFixtures });
});

describe("uploads", () => {
  it("stores an uploaded file under a URL, and refuses a type outside the vendor's list with 415", async () => {
    const { data } = await client.uploadFiles({ conversationId, contactId, locationId, fileAttachment: new Uint8Array([1, 2, 3]), fileName: "photo.png" });
    expect(Object.keys(data!.uploadedFiles)).toEqual(["photo.png"]);
    expect(data!.uploadedFiles["photo.png"]).toMatch(/^https:\/\/storage\.fake\.invalid\/locations\/ve9EPM428h8vShlRW1KT\/conversations\/tDtDnQdgm2LXpyiqYvZ6\/.+\/photo\.png$/);
    const refused = await client.uploadFiles({ conversationId, contactId, locationId, fileAttachment: new Uint8Array([1]), fileName: "tool.exe" });
    expect(refused.response.status).toBe(415);
    expect(refused.error).toEqual({ status: 415, message: "File type not supported: tool.exe", traceId: expect.any(String) });
  });

  it("initiate then complete: the ids must match, the size must fit the channel, and the URL expires after 15 minutes", async () => {
    const base = { locationId, conversationId, filename: "clip.mp4", contentType: "video/mp4" };
    expect((await client.POST("/conversations/messages/upload/initiate", { body: { ...base, channel: "SMS", fileSize: 6 * 1024 * 1024 } })).response.status).toBe(413);
    const started = await client.POST("/conversations/messages/upload/initiate", { body: { ...base, channel: "WHATSAPP", fileSize: 6 * 1024 * 1024 } });
    expect(started.data).toMatchObject({ maxFileSize: 100 * 1024 * 1024, expiresAt: Date.parse("2026-03-01T10:15:00.000Z") });
    const { uploadId, filePath } = started.data!;
    const complete = (extra = {}) => client.POST("/conversations/messages/upload/complete", { body: { uploadId, filePath, locationId, conversationId, filename: "clip.mp4", ...extra } });
    expect((await complete({ filename: "other.mp4" })).response.status).toBe(400);
    expect((await client.POST("/conversations/messages/upload/complete", { body: { uploadId: "unknown", filePath, locationId, conversationId, filename: "clip.mp4" } })).response.status).toBe(404);
    const done = await complete();
    expect(done.data).toEqual({ uploadedFiles: { "clip.mp4": `https://storage.fake.invalid/${filePath}` }, metadata: { contentType: "video/mp4", size: 6 * 1024 * 1024 }, traceId: expect.any(String) });
    expect((await complete()).response.status).toBe(400);

    const late = await client.POST("/conversations/messages/upload/initiate", { body: { ...base, channel: "SMS" } });
    clock.advance(15 * 60 * 1000 + 1);
    const expired = await client.POST("/conversations/messages/upload/complete", { body: { uploadId: late.data!.uploadId, filePath: late.data!.filePath, locationId, conversationId, filename: "clip.mp4" } });
    expect(expired.response.status).toBe(400);
    expect(expired.error?.message).toContain("expired");
  });
});

describe("preferences", () => {
  it("custom subtypes: create, list, update; a duplicate name is refused", async () => {
    const created = await client.POST("/conversations/preferences/custom-subtypes", { params: { query: { locationId } }, body: { name: "Newsletter", channel: "email", language: "en" } });
    expect(created.response.status).toBe(201);
    const { id } = (created.data as { customSubtype: { id: string } }).customSubtype;
    expect((await client.POST("/conversations/preferences/custom-subtypes", { params: { query: { locationId } }, body: { name: "Newsletter", channel: "email", language: "en" } })).response.status).toBe(400);
    await client.PUT("/conversations/preferences/custom-subtypes/{id}", { params: { path: { id }, query: { locationId } }, body: { archived: true } });
    const listed = await client.GET("/conversations/preferences/custom-subtypes", { params: { query: { locationId } } });
    expect((listed.data as { customSubtypes: Array<{ name: string; archived: boolean }> }).customSubtypes.map(({ name, archived }) => ({ name, archived }))).toEqual([
      { name: "Newsletters", archived: false },
      { name: "Newsletter", archived: true },
    ]);
    expect((await client.PUT("/conversations/preferences/custom-subtypes/{id}", { params: { path: { id: "nope" }, query: { locationId } }, body: { archived: true } })).response.status).toBe(404);
  });

  it("unsubscriptions: a change is what the status then says", async () => {
    const status = async () => (await client.GET("/conversations/preferences/unsubscriptions/status", { params: { query: { locationId, contactId } } })).data as { unsubscribed: boolean; subscriptions: unknown[] };
    expect((await status()).unsubscribed).toBe(false);
    await client.POST("/conversations/preferences/unsubscriptions/user-change", { body: { locationId, contactId, email: "jane.roe@example.com", subscription_action: { type: "default", subtype_status: "unsubscribed" } } });
    await client.POST("/conversations/preferences/unsubscriptions/user-change", { body: { locationId, contactId, email: "jane.roe@example.com", subscription_action: { type: "custom", subtype_id: "65f1c0a2b3d4e5f6a7b8c9d0", subtype_status: "subscribed" } } });
    expect(await status()).toMatchObject({ unsubscribed: true, subscriptions: [{ subtype: "default", status: "unsubscribed" }, { subtype: "65f1c0a2b3d4e5f6a7b8c9d0", status: "subscribed" }] });
    await client.POST("/conversations/preferences/unsubscriptions/user-change", { body: { locationId, contactId, email: "jane.roe@example.com", subscription_action: { type: "resub_all", subtype_status: "subscribed" } } });
    expect((await status()).unsubscribed).toBe(false);
  });
});

describe("recordings and transcriptions", () => {
  it("serves a call's recording bytes and its transcription; a message without one is a 404", async () => {
    const path = { locationId, messageId: "ve9EPM428h8vShlRW1KT" };
    const recording = await client.GET("/conversations/messages/{messageId}/locations/{locationId}/recording", { params: { path }, parseAs: "arrayBuffer" });
    expect(new Uint8Array(recording.data as ArrayBuffer)).toEqual(silentWav());
    expect(recording.response.headers.get("content-disposition")).toBe("attachment; filename=audio.wav");
    const sentence = await client.GET("/conversations/locations/{locationId}/messages/{messageId}/transcription", { params: { path } });
    expect(sentence.data).toMatchObject({ sentenceIndex: 0, transcript: "Agent: Hello, how can I help you?" });
    const text = await client.GET("/conversations/locations/{locationId}/messages/{messageId}/transcription/download", { params: { path }, parseAs: "text" });
    expect(text.data).toBe("Agent: Hello, how can I help you?\nCaller: I would like to book an appointment.");
    const sms = { locationId, messageId: "Q1h0XbB4M8rT2nZ5kL7p" };
    expect((await client.GET("/conversations/messages/{messageId}/locations/{locationId}/recording", { params: { path: sms } })).response.status).toBe(404);
    expect((await client.GET("/conversations/messages/{messageId}/locations/{locationId}/recording", { params: { path: { ...path, locationId: "ABCHkzuJQ8ZMd4Te84GK" } } })).response.status).toBe(404);
  });
});

describe("live chat", () => {
  it("the typing indicator needs a conversation of that location: 201, else 422", async () => {
    const body = { locationId, isTyping: true, visitorId: "visitor-1", conversationId };
    expect((await client.POST("/conversations/providers/live-chat/typing", { body })).response.status).toBe(201);
    expect((await client.POST("/conversations/providers/live-chat/typing", { body: { ...body, conversationId: "gone" } })).response.status).toBe(422);
  });
});
