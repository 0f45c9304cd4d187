// The bearer token: a static string, or a provider asked before every attempt. The provider owns
// the token's lifetime (expiry, rotation, a vault's lease): it answers from its own cache when the
// token is fresh (a string, synchronously: no promise, no tick) and fetches a new one when not, so
// a token that expires is never kept here past its time. After a 401 it is asked with the refused
// token (`provider(rejected)`), so that it knows to replace a token its clock still calls fresh; a
// provider that ignores the argument works as well. A promise it returns is shared by the attempts
// that start while it is pending, so a burst of calls (or of 401s) costs one token request; a
// caller that stops waiting (its timeout or signal) drops the shared promise, so a provider that
// never answers is asked again by the next call instead of holding every later call of this client.
//
// Redaction: every token this client used recently (the current one and the 4 before it) is
// replaced by `[redacted]` in what the client reports, as given and as fetch sends it (trimmed).
// A token shorter than 8 characters cannot be told apart from ordinary text, so it is redacted
// only where it stands alone or after `Bearer `: replacing every "ab" would corrupt bodies.

/**
 * Returns a Sub-Account access token or Private Integration Token. Asked before every attempt:
 * answer from your own cache while the token is fresh. `rejected` is the token the API just
 * refused (401): replace it.
 */
export type TokenProvider = (rejected?: string) => string | Promise<string>;

export interface Auth {
  /** The token for the next attempt (a string without awaiting when static or answered synchronously). */
  token(): string | Promise<string>;
  /** Only a provider can refresh; a static token cannot. */
  readonly canRefresh: boolean;
  /** A token to replace `stale`, which the API refused. Concurrent callers get the same refresh. */
  refresh(stale: string): string | Promise<string>;
  /** A caller stopped waiting for `pending`: the next caller asks the provider again. */
  abandon(pending: unknown): void;
  /** `text` with every recent token replaced. */
  redact(text: string): string;
  /** A copy of a parsed body with every string value redacted (objects and arrays walked). */
  redactDeep(value: unknown): unknown;
}

const REDACTED = "[redacted]";
const RECENT = 5;

export function createAuth(source: string | TokenProvider): Auth {
  let recent: string[][] = [];
  let current: string | undefined;
  let pending: Promise<string> | undefined;

  const learn = (token: string) => {
    if (token !== current) recent = [[...new Set([token, token.trim()].filter(Boolean))], ...recent].slice(0, RECENT);
    return (current = token);
  };
  const remember = (token: unknown) => {
    if (typeof token !== "string" || !token.trim()) throw new TypeError("no token");
    return learn(token);
  };
  // May throw (a provider that throws, an empty answer): the attempt reports it as the provider's failure.
  const ask = (rejected?: string) => {
    const answer = (source as TokenProvider)(rejected);
    if (typeof answer === "string") return remember(answer);
    const asked: Promise<string> = Promise.resolve(answer)
      .then(remember)
      .finally(() => pending === asked && (pending = undefined));
    return (pending = asked);
  };
  const redact = (text: string) => {
    for (const forms of recent)
      for (const form of forms)
        if (form.length > 7) text = text.replaceAll(form, REDACTED);
        else if (text === form) return REDACTED;
        else text = text.replaceAll("Bearer " + form, "Bearer " + REDACTED);
    return text;
  };
  // The reviver sees every string value of the copy, at any depth: the text of the body is never
  // redacted as a whole (which would corrupt it for a short token, and could make it unparseable).
  const redactDeep = (value: unknown) =>
    JSON.parse(JSON.stringify(value), (_, item) => (typeof item === "string" ? redact(item) : item));

  if (typeof source === "string") learn(source);
  return {
    canRefresh: typeof source === "function",
    token: () => (typeof source === "string" ? source : pending ?? ask()),
    // A token newer than the refused one (another call's refresh) is used as it is.
    refresh: (stale) => pending ?? (current !== stale ? current! : ask(stale)),
    abandon: (waited) => waited === pending && (pending = undefined),
    redact,
    redactDeep,
  };
}
