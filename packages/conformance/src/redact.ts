// What leaves the process (the report, the recorded fixtures, the printed summary) goes through
// here first: the token is removed wherever it appears, and phone numbers, email addresses,
// message bodies and people's names are masked, keeping only the shape (the JSON types, the
// keys, the ids) that a schema check or a test needs.

/** Keys whose string values are message content: masked whatever they hold. */
const CONTENT_KEYS = /^(body|message|lastMessageBody|html|text|subject|transcript|content|snippet|preview|altText|signature)$/i;
/** Keys whose string values name a person. */
const NAME_KEYS = /^(fullName|contactName|firstName|lastName|name|companyName|userName|displayName)$/i;
const EMAIL = /[^\s@<>"',;:]+@[^\s@<>"',;:]+\.[A-Za-z]{2,}/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
/** A phone number: an optional +, then at least 7 digits with the usual separators, and nothing else. */
const PHONE = /^\+?\(?\d[\d\s().-]{5,}\d$/;
const PHONE_IN_TEXT = /\+\d[\d\s().-]{6,}\d/g;

export const MASK = "•••";

/** A phone number as `+•••34` (its last two digits), an email as `•••@•••`. */
export function maskString(value: string, token?: string): string {
  // (A "token" of a few characters is no secret, and removing it would garble every word holding it.)
  let text = token && token.length >= 6 && value.includes(token) ? value.split(token).join("[token]") : value;
  text = text.replace(EMAIL, `${MASK}@${MASK}`);
  if (!ISO_DATE.test(text) && PHONE.test(text.trim()) && (text.match(/\d/g)?.length ?? 0) >= 7) return `+${MASK}${text.trim().slice(-2)}`;
  return text.replace(PHONE_IN_TEXT, (phone) => `+${MASK}${phone.slice(-2)}`);
}

export interface RedactOptions {
  token?: string | undefined;
  /** Keep at most this many items of each array (the rest counted in a last string item); default all. */
  maxItems?: number;
}

/** A deep copy of a JSON value with the token removed and personal data masked. */
export function redact(value: unknown, options: RedactOptions = {}, key?: string): unknown {
  if (typeof value === "string") {
    if (key !== undefined && CONTENT_KEYS.test(key)) return value === "" ? "" : `${MASK} (${value.length} characters)`;
    if (key !== undefined && NAME_KEYS.test(key)) return value === "" ? "" : MASK;
    return maskString(value, options.token);
  }
  if (Array.isArray(value)) {
    const kept = options.maxItems === undefined ? value : value.slice(0, options.maxItems);
    const items = kept.map((item) => redact(item, options, key));
    return kept.length < value.length ? [...items, `… ${value.length - kept.length} more`] : items;
  }
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [maskString(name, options.token), redact(item, options, name)]));
  return value;
}

/** The headers worth keeping from an answer: its media type and the rate-limit headers (numbers, no personal data). */
export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (name === "content-type" || name === "retry-after" || name.startsWith("x-ratelimit-")) kept[name] = value;
  });
  return kept;
}
