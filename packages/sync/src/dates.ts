// The API's dates come in several encodings (real-api.md; the spec's issue 18): epoch
// milliseconds (a number or a numeric string), Firestore-style `{ seconds, nanoseconds }` (also
// `_seconds`/`_nanoseconds`), and ISO 8601 strings. The mirror stores epoch milliseconds.
// (The client is gaining a `toDate()` for the same purpose; this one can give way to it.)

/** Epoch milliseconds of any of the API's date encodings, or undefined for none or garbage. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string") {
    const text = value.trim();
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : undefined;
  }
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : undefined;
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const seconds = record.seconds ?? record._seconds;
    const nanos = record.nanoseconds ?? record._nanoseconds ?? 0;
    if (typeof seconds === "number" && typeof nanos === "number" && Number.isFinite(seconds) && Number.isFinite(nanos)) {
      return seconds * 1000 + Math.floor(nanos / 1e6);
    }
  }
  return undefined;
}
