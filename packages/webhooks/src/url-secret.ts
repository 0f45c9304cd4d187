// The Delivery URL secret: how a custom provider authenticates HighLevel's deliveries while HighLevel
// does not sign them (vendor docs issue #224). The provider registers a Delivery URL that carries a
// long random secret (a path segment or a query parameter); only HighLevel, which was given the URL,
// can post to it. Compared in constant time; never put in an error, a log line or `inspect` output.
import { WebhookConfigurationError } from "./errors.js";

export interface UrlSecretOptions {
  /**
   * The secret(s) in the Delivery URL you registered: at least 32 characters each, of `A-Z a-z 0-9 - _`
   * (hex or base64url, e.g. `crypto.randomBytes(32).toString("base64url")`), so that no encoding can
   * change them. Several while you rotate: register the new URL, then drop the old secret.
   */
  secrets: readonly string[];
  /**
   * Where the URL carries it: `"query"` (default), the query parameter `queryParameter`
   * (`https://sms.example.com/highlevel/deliveries?secret=...`); `"path"`, the last path segment
   * (`https://sms.example.com/highlevel/deliveries/...`).
   */
  in?: "query" | "path";
  /** The query parameter's name with `in: "query"`. Default `"secret"`. */
  queryParameter?: string;
}

/** The options, checked once: the secrets as bytes, where to read them. */
export interface UrlSecretCheck {
  readonly secrets: readonly Uint8Array[];
  readonly in: "query" | "path";
  readonly queryParameter: string;
}

export const minimumUrlSecretLength = 32;
const urlSafe = /^[A-Za-z0-9_-]+$/;
const encoder = new TextEncoder();
// Parsed options by object, so that a handler's options are checked once, not per request.
const checked = new WeakMap<UrlSecretOptions, UrlSecretCheck>();

/** Checks the options (a WebhookConfigurationError names what is wrong, never the secret). */
export function urlSecretCheck(options: UrlSecretOptions): UrlSecretCheck {
  const known = checked.get(options);
  if (known) return known;
  const secrets = options.secrets;
  if (!Array.isArray(secrets) || secrets.length === 0) throw new WebhookConfigurationError("urlSecret.secrets is empty: no secret to compare the Delivery URL's with");
  secrets.forEach((secret: unknown, index) => {
    if (typeof secret !== "string" || secret.length < minimumUrlSecretLength || !urlSafe.test(secret)) {
      throw new WebhookConfigurationError(
        `urlSecret.secrets[${index}] must be a string of at least ${minimumUrlSecretLength} characters of A-Z a-z 0-9 - _ (e.g. crypto.randomBytes(32).toString("base64url"))`,
      );
    }
  });
  const where = options.in ?? "query";
  if (where !== "query" && where !== "path") throw new WebhookConfigurationError(`urlSecret.in must be "query" or "path", not ${JSON.stringify(where)}`);
  const queryParameter = options.queryParameter ?? "secret";
  if (typeof queryParameter !== "string" || queryParameter === "") throw new WebhookConfigurationError("urlSecret.queryParameter must be a non-empty string");
  const result = { secrets: secrets.map((secret) => encoder.encode(secret)), in: where, queryParameter } as const;
  checked.set(options, result);
  return result;
}

/** The secret the request's URL carries (absolute, or a path and query as node's `req.url`), or undefined. */
export function secretInUrl(requestUrl: string | URL, check: UrlSecretCheck): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl, "http://delivery-url.invalid");
  } catch {
    return undefined;
  }
  if (check.in === "query") return url.searchParams.get(check.queryParameter) ?? undefined;
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  return segments.at(-1);
}

/**
 * Whether `given` is one of the secrets. Every secret is compared, each in time that depends on its
 * own length only, so the answer's timing does not tell how much of a guess was right.
 */
export function matchesSecret(given: string | undefined, check: UrlSecretCheck): boolean {
  const bytes = encoder.encode(given ?? "");
  let matched = 0;
  for (const secret of check.secrets) matched |= equalInConstantTime(bytes, secret);
  return given !== undefined && matched === 1;
}

/** 1 when equal, 0 otherwise; the loop runs over `expected` whatever `given` is. */
function equalInConstantTime(given: Uint8Array, expected: Uint8Array): number {
  let difference = given.length ^ expected.length;
  for (let index = 0; index < expected.length; index++) difference |= (given[index] ?? 0) ^ (expected[index] as number);
  return difference === 0 ? 1 : 0;
}
