// Which budget a request draws from. HighLevel counts per app and location (or company), and a
// Sub-Account token belongs to one location, so a client per location passes its location id as
// the key. For a client shared by locations, the key can come from the request itself.

/**
 * The `locationId` a request names: its query parameter, or the path segment after `/locations/`.
 * Undefined when the request does not name one (many operations take only a conversation or
 * message id): combine with a fallback, e.g. `key: (r) => locationIdOf(r) ?? companyId`.
 */
export function locationIdOf(request: Request): string | undefined {
  const url = new URL(request.url);
  const query = url.searchParams.get("locationId");
  if (query) return query;
  const match = /\/locations\/([^/?#]+)/.exec(url.pathname);
  return match ? decodeURIComponent(match[1]!) : undefined;
}
