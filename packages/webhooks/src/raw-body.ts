// The bytes that were signed. Only the raw body will do: a parsed and re-serialised body is not
// guaranteed to be the same bytes (key order, whitespace, unicode escapes such as \u00e9 or \/).
import { RawBodyRequiredError } from "./errors.js";

/** What `unwrap` accepts as the body: exactly what arrived on the wire. */
export type RawBody = string | Uint8Array | ArrayBuffer;

const encoder = new TextEncoder();

/** The body's bytes (typed for WebCrypto, which takes views of ArrayBuffers). */
export function rawBodyBytes(body: unknown): Uint8Array<ArrayBuffer> {
  if (typeof body === "string") return encoder.encode(body);
  // Uint8Array, Buffer, any other view; by internal slot rather than instanceof, so that bytes from
  // another realm (a vm context, a worker's transfer) are recognised too.
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
  if (Object.prototype.toString.call(body) === "[object ArrayBuffer]") return new Uint8Array(body as ArrayBuffer);
  throw new RawBodyRequiredError(describeNonRawBody(body));
}

function describeNonRawBody(body: unknown): string {
  const what =
    body === undefined || body === null
      ? `no body (${String(body)})`
      : typeof body === "object"
        ? "an already parsed object"
        : `a ${typeof body}`;
  return (
    `the webhook body must be the raw request body (a string, Buffer/Uint8Array or ArrayBuffer), but it is ${what}. ` +
    "The signature covers the exact bytes HighLevel sent, and JSON.stringify of a parsed body is not " +
    "guaranteed to reproduce them (key order, whitespace, unicode escapes), so a parsed body cannot be " +
    "verified. Read the body raw: in Express, express.raw({ type: \"application/json\" }) on the webhook " +
    "route and no express.json() before it; with a Fetch API Request, await request.arrayBuffer() or " +
    "request.text(); in node:http, the bytes of the request stream."
  );
}
