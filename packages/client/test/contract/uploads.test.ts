// Uploads: the multipart upload with real bytes in `fileAttachment`, and the signed-URL flow
// (initiate, then complete).
import { schemaErrors } from "@test/support";
import { describe, expect, it } from "vitest";
import type { Schema } from "../../src/index.js";
import { contractClient } from "../support/clients.js";
import { statusOf } from "../support/errors.js";

const client = contractClient();
const ids = {
  conversationId: "tDtDnQdgm2LXpyiqYvZ6",
  contactId: "ve9EPM428kjkvShlRW1KT",
  locationId: "ve9EPM428h8vShlRW1KT",
};
// The first bytes of a PNG file, including bytes above 0x7F, so a text re-encoding would show.
const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

/**
 * openapi-fetch JSON-encodes bodies unless told otherwise: the multipart body is built here, with
 * the typed text fields of UploadFilesDto and the file as a Blob under `fileAttachment`.
 */
function multipart(file: Blob, filename: string) {
  return (fields: Schema<"UploadFilesDto">) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      if (Array.isArray(value)) for (const item of value) form.append(name, item);
      else if (value !== undefined) form.append(name, String(value));
    }
    form.append("fileAttachment", file, filename);
    return form;
  };
}

describe("POST /conversations/messages/upload (upload-file-attachments)", () => {
  it("sends the file's bytes as multipart/form-data and returns the uploaded files", async () => {
    const sent: Request[] = [];
    const spying = contractClient("test-token", (request) => sent.push(request));
    const { data, error, response } = await spying.POST("/conversations/messages/upload", {
      body: ids,
      bodySerializer: multipart(new Blob([pngBytes], { type: "image/png" }), "photo.png"),
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(schemaErrors("UploadFilesResponseDto", data)).toEqual([]);
    expect(Object.keys(data?.uploadedFiles ?? {}).length).toBeGreaterThan(0);

    const request = sent[0];
    expect(request?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request!.formData();
    expect(form.get("conversationId")).toBe(ids.conversationId);
    const file = form.get("fileAttachment") as File;
    expect(file.name).toBe("photo.png");
    expect(file.type).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pngBytes);
  });

  it("accepts one attachment URL and several, each in a form field of its own (form, explode)", async () => {
    for (const attachmentUrls of [
      ["https://storage.example.com/files/invoice.pdf"],
      ["https://storage.example.com/files/invoice.pdf", "https://storage.example.com/files/photo.png"],
    ]) {
      const sent: Request[] = [];
      const spying = contractClient("test-token", (request) => sent.push(request));
      const { data, error, response } = await spying.uploadFiles({
        ...ids,
        attachmentUrls,
        fileAttachment: new Blob([pngBytes], { type: "image/png" }),
        fileName: "photo.png",
      });
      expect(error, response.headers.get("sl-violations") ?? "").toBeUndefined();
      expect(response.status).toBe(200);
      expect(schemaErrors("UploadFilesResponseDto", data)).toEqual([]);
      expect((await sent[0]!.formData()).getAll("attachmentUrls")).toEqual(attachmentUrls);
    }
  });

  it("surfaces a form without locationId as a typed 400", async () => {
    const { data, error, response } = await client.POST("/conversations/messages/upload", {
      // @ts-expect-error locationId is required
      body: { conversationId: ids.conversationId, contactId: ids.contactId },
      bodySerializer: multipart(new Blob([pngBytes], { type: "image/png" }), "photo.png"),
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });

  it("gives the typed UploadFilesErrorResponseDto for 413 and 415", async () => {
    // Prism serves a schema's own `examples` before a response's named examples: ask for the name.
    const cases = [
      { code: 413, example: "tooLarge" },
      { code: 415, example: "unsupported" },
    ];
    for (const { code, example } of cases) {
      const { error, response } = await client.POST("/conversations/messages/upload", {
        body: ids,
        bodySerializer: multipart(new Blob([pngBytes]), "photo.png"),
        headers: { Prefer: `code=${code}, example=${example}` },
      });
      expect(response.status).toBe(code);
      expect(schemaErrors("UploadFilesErrorResponseDto", error)).toEqual([]);
      expect(statusOf(error)).toBe(code);
    }
  });
});

describe("POST /conversations/messages/upload/initiate (initiate-file-upload)", () => {
  it("returns a signed URL and the ids to complete the upload", async () => {
    const { data, response } = await client.POST("/conversations/messages/upload/initiate", {
      body: { ...ids, filename: "invoice.pdf", contentType: "application/pdf", fileSize: 48213, channel: "WHATSAPP" },
    });
    expect(response.status).toBe(200);
    expect(schemaErrors("InitiateFileUploadResponseDto", data)).toEqual([]);
    expect(data?.expiresAt).toBeGreaterThan(1_000_000_000_000); // milliseconds
  });

  it("surfaces a body without filename as a typed 400", async () => {
    const { error, response } = await client.POST("/conversations/messages/upload/initiate", {
      // @ts-expect-error filename is required
      body: { ...ids, contentType: "application/pdf", channel: "WHATSAPP" },
    });
    expect(response.status).toBe(400);
    expect(schemaErrors("BadRequestDTO", error)).toEqual([]);
  });
});

describe("POST /conversations/messages/upload/complete (complete-file-upload)", () => {
  const body = {
    uploadId: "6f1f3a2e-2b1c-4d3e-9f8a-1b2c3d4e5f60",
    // The spec's example upload, which the fake's example data holds as initiated.
    filePath: "locations/ve9EPM428h8vShlRW1KT/conversations/tDtDnQdgm2LXpyiqYvZ6/invoice.pdf",
    locationId: ids.locationId,
    conversationId: ids.conversationId,
    filename: "invoice.pdf",
  };

  it("returns the stored file", async () => {
    const { data, response } = await client.POST("/conversations/messages/upload/complete", { body });
    expect(response.status).toBe(200);
    expect(schemaErrors("CompleteFileUploadResponseDto", data)).toEqual([]);
  });

  it("surfaces a body without uploadId as a typed 400", async () => {
    const { uploadId: _omitted, ...withoutUploadId } = body;
    const { error, response } = await client.POST("/conversations/messages/upload/complete", {
      // @ts-expect-error uploadId is required
      body: withoutUploadId,
    });
    expect(response.status).toBe(400);
    expect(statusOf(error)).toBe(400);
  });

  it("gives the typed NotFoundDTO with Prefer: code=404", async () => {
    const { error, response } = await client.POST("/conversations/messages/upload/complete", {
      body,
      headers: { Prefer: "code=404" },
    });
    expect(response.status).toBe(404);
    expect(schemaErrors("NotFoundDTO", error)).toEqual([]);
  });
});
