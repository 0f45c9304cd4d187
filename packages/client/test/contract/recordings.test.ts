// Recordings and transcriptions: the WAV bytes, the transcription as JSON and as a text download.
import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import { contractClient } from "../support/clients.js";
import { expectRefusedPath } from "../support/errors.js";

const client = contractClient();
const path = { locationId: "ve9EPM428h8vShlRW1KT", messageId: "ve9EPM428h8vShlRW1KT" };

describe("GET .../recording (get-message-recording)", () => {
  it("downloads a real WAV file, byte for byte", async () => {
    const { data, response } = await client.GET(
      "/conversations/messages/{messageId}/locations/{locationId}/recording",
      { params: { path }, parseAs: "arrayBuffer" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/x-wav");
    expect(response.headers.get("content-disposition")).toBe("attachment; filename=audio.wav");
    const bytes = new Uint8Array(data as ArrayBuffer);
    expect(bytes.byteLength).toBe(48);
    const text = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
    expect(text(0, 4)).toBe("RIFF");
    expect(text(8, 12)).toBe("WAVE");
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(4, true)).toBe(bytes.byteLength - 8); // RIFF chunk size
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint32(24, true)).toBe(8000); // sample rate
    expect(text(36, 40)).toBe("data");
    expect(view.getUint32(40, true)).toBe(4); // four samples follow
  });

  it("refuses an empty messageId before sending anything", async () => {
    const result = await client.GET(
      "/conversations/messages/{messageId}/locations/{locationId}/recording",
      { params: { path: { ...path, messageId: "" } } },
    );
    expectRefusedPath(result, "messageId");
  });
});

describe("GET .../transcription (get-message-transcription)", () => {
  it("returns the transcription with numeric times and confidence", async () => {
    const { data, response } = await client.GET(
      "/conversations/locations/{locationId}/messages/{messageId}/transcription",
      { params: { path } },
    );
    expect(response.status).toBe(200);
    expect(schemaErrors("GetMessageTranscriptionResponseDto", data)).toEqual([]);
    expect(typeof data?.confidence).toBe("number");
  });

  it("refuses an empty locationId before sending anything", async () => {
    const result = await client.GET(
      "/conversations/locations/{locationId}/messages/{messageId}/transcription",
      { params: { path: { ...path, locationId: "" } } },
    );
    expectRefusedPath(result, "locationId");
  });
});

describe("GET .../transcription/download (download-message-transcription)", () => {
  it("downloads the transcription as text", async () => {
    const { data, response } = await client.GET(
      "/conversations/locations/{locationId}/messages/{messageId}/transcription/download",
      { params: { path }, parseAs: "text" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.headers.get("content-disposition")).toBe("attachment; filename=transcription.txt");
    expect(data).toBe("Agent: Hello, how can I help you?\nCaller: I would like to book an appointment.");
  });

  it("refuses an empty messageId before sending anything", async () => {
    const result = await client.GET(
      "/conversations/locations/{locationId}/messages/{messageId}/transcription/download",
      { params: { path: { ...path, messageId: "" } } },
    );
    expectRefusedPath(result, "messageId");
  });

  it("gives the typed NotFoundDTO with Prefer: code=404", async () => {
    const { error, response } = await client.GET(
      "/conversations/locations/{locationId}/messages/{messageId}/transcription/download",
      { params: { path }, headers: { Prefer: "code=404" } },
    );
    expect(response.status).toBe(404);
    expect(schemaErrors("NotFoundDTO", error)).toEqual([]);
  });
});
