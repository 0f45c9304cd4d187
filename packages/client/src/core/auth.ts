// The bearer token: a static string, or an async provider that is asked again after a 401.
// Concurrent 401s share one refresh, so a burst of expired calls costs one token request.

/** Returns a Sub-Account access token or Private Integration Token. */
export type TokenProvider = () => string | Promise<string>;

export interface Auth {
  /** The current token (a string without awaiting when it is static or already fetched). */
  token(): string | Promise<string>;
  /** Only a provider can refresh; a static token cannot. */
  readonly canRefresh: boolean;
  /** A fresh token after `stale` was refused. Concurrent callers get the same refresh. */
  refresh(stale: string): Promise<string>;
  /** Replaces every token this client has used with `[redacted]`. */
  redact(text: string): string;
}

export function createAuth(source: string | TokenProvider): Auth {
  const seen = new Set<string>();
  let current: string | undefined;
  let pending: Promise<string> | undefined;

  const remember = (token: string) => {
    if (token) seen.add(token);
    return (current = token);
  };
  const fetchToken = () => {
    pending ??= Promise.resolve()
      .then(() => (source as TokenProvider)())
      .then(remember)
      .finally(() => (pending = undefined));
    return pending;
  };

  if (typeof source === "string") remember(source);
  return {
    canRefresh: typeof source === "function",
    token: () => current ?? fetchToken(),
    refresh: async (stale) => (pending ? pending : current !== stale ? current! : fetchToken()),
    redact(text) {
      for (const token of seen) text = text.replaceAll(token, "[redacted]");
      return text;
    },
  };
}
