// The API sends one concept, a conversation's `lastMessageDate`, in three encodings, one per
// endpoint: epoch milliseconds (search), a `{ seconds, nanoseconds }` timestamp (get-conversation)
// and an ISO 8601 string (update-conversation, and most other dates). toDate reads any of them.

/** A date as the API sends it: epoch ms, a `{ seconds, nanoseconds }` timestamp or an ISO 8601 string. */
export type ApiDate = number | string | { seconds: number; nanoseconds?: number };

/**
 * The `Date` of any of the API's date encodings: epoch ms (a number, or a string of digits),
 * `{ seconds, nanoseconds }`, or an ISO 8601 string. `null` and `undefined` (a field the answer
 * left out) give `undefined`; a value that is none of these gives an invalid `Date` (`getTime()` is
 * NaN), as `new Date(value)` does. Any value is accepted (a field read from untyped JSON too); an
 * `ApiDate` gives a `Date`.
 */
export function toDate(value: ApiDate): Date;
export function toDate(value: unknown): Date | undefined;
export function toDate(value: unknown): Date | undefined {
  if (value == null) return undefined;
  if (typeof value == "object") {
    const { seconds, nanoseconds = 0 } = value as { seconds?: unknown; nanoseconds?: unknown };
    return new Date((seconds as number) * 1e3 + (nanoseconds as number) / 1e6);
  }
  if (typeof value == "string") return new Date(/^\d+$/.test(value) ? +value : value);
  return new Date(typeof value == "number" ? value : NaN);
}
