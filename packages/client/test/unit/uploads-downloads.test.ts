// The multipart upload from a Blob, File or Buffer; the recording as bytes; the transcription as text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConversationsClient } from "../../src/index.js";
import { json, raw, startFaultServer, type FaultServer } from "../support/fault-server.js";

let server: FaultServer;
beforeAll(async () => (server = await startFaultServer()));
afterAll(() => server.close());

const client = () => createConversationsClient({ token: "t0ken", baseUrl: server.url, backoff: { initialDelayMs: 1 } });
const uploaded = { uploadedFiles: { "photo.png": "https://files.example.com/photo.png" } };
const fields = { conversationId: "conv", contactId: "contact", locationId: "location" };

/** Parses the multipart body the server received, as a server framework would. */
async function receivedForm(index = 0) {
  const { headers, body } = server.seen[index]!;
  return new Response(new Uint8Array(body), { headers: { "Content-Type": String(headers["content-type"]) } }).formData();
}

describe("uploadFiles", () => {
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  for (const [kind, file, expectedName] of [
    ["Buffer", Buffer.from(bytes), "attachment"],
    ["Blob", new Blob([bytes], { type: "image/png" }), "attachment"],
    ["File", new File([bytes], "photo.png", { type: "image/png" }), "photo.png"],
  ] as const) {
    it(`sends a ${kind} as the multipart field fileAttachment, with the other fields`, async () => {
      server.script(json(200, uploaded));
      const { data, error } = await client().uploadFiles({ ...fields, fileAttachment: file, attachmentUrls: ["https://a", "https://b"] });
      expect(error).toBeUndefined();
      expect(data?.uploadedFiles["photo.png"]).toContain("https://");
      const form = await receivedForm();
      const attachment = form.get("fileAttachment") as File;
      expect(attachment.name).toBe(expectedName);
      expect(new Uint8Array(await attachment.arrayBuffer())).toEqual(bytes);
      expect(form.get("conversationId")).toBe("conv");
      expect(form.getAll("attachmentUrls")).toEqual(["https://a", "https://b"]);
      expect(String(server.seen[0]!.headers["content-type"])).toMatch(/^multipart\/form-data; boundary=/);
      expect(server.seen[0]!.headers.version).toBe("2021-04-15");
    });
  }

  it("takes the given file name", async () => {
    server.script(json(200, uploaded));
    await client().uploadFiles({ ...fields, fileAttachment: Buffer.from("x"), fileName: "notes.txt" });
    expect(((await receivedForm()).get("fileAttachment") as File).name).toBe("notes.txt");
  });

  it("is never retried after a 5xx: the file may already be stored", async () => {
    server.script(json(502, {}), json(200, uploaded));
    const { error } = await client().uploadFiles({ ...fields, fileAttachment: Buffer.from("x") });
    expect(error).toBeDefined();
    expect(server.seen).toHaveLength(1);
  });

  it("types the 413 body of the spec", async () => {
    server.script(json(413, { status: 413, message: "File too large" }));
    const { error } = await client().uploadFiles({ ...fields, fileAttachment: Buffer.from("x") });
    expect(error).toEqual({ status: 413, message: "File too large" });
  });
});

describe("downloads", () => {
  it("returns the recording as bytes with parseAs: arrayBuffer", async () => {
    const wav = Buffer.from("RIFF\x24\x00\x00\x00WAVEfmt ", "latin1");
    server.script(raw(200, wav, { "Content-Type": "audio/x-wav", "Content-Disposition": "attachment; filename=audio.wav" }));
    const { data, response } = await client().GET("/conversations/messages/{messageId}/locations/{locationId}/recording", {
      params: { path: { messageId: "m1", locationId: "l1" } },
      parseAs: "arrayBuffer",
    });
    expect(data).toBeInstanceOf(ArrayBuffer);
    expect(Buffer.from(new Uint8Array(data!))).toEqual(wav);
    expect(response.headers.get("content-disposition")).toContain("audio.wav");
    expect(server.seen[0]!.url).toBe("/conversations/messages/m1/locations/l1/recording");
  });

  it("returns the transcription as text with parseAs: text", async () => {
    server.script(raw(200, "Agent: Hello\nCaller: Hi", { "Content-Type": "text/plain" }));
    const { data } = await client().GET("/conversations/locations/{locationId}/messages/{messageId}/transcription/download", {
      params: { path: { messageId: "m1", locationId: "l1" } },
      parseAs: "text",
    });
    expect(data).toBe("Agent: Hello\nCaller: Hi");
  });
});
