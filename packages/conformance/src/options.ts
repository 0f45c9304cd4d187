// The command line: `conversations-api-conformance --location-id <id> [...]`, with HIGHLEVEL_TOKEN in
// the environment. A mistake here is a UsageError (exit status 2), never a run.
import { DEFAULT_BASE_URL } from "@conversations-api/client";

export const DEFAULT_API_VERSION = "2021-04-15";
export const API_VERSIONS = ["2021-04-15", "v3"] as const;
/** The most requests a run sends unless told otherwise (retries included). */
export const DEFAULT_MAX_REQUESTS = 40;

export interface ConformanceOptions {
  token: string;
  locationId: string;
  baseUrl: string;
  apiVersion: string;
  /** The most requests the run may send, retries included; it never sends more. */
  maxRequests: number;
  /** Write the JSON report here. */
  reportFile?: string | undefined;
  /** Save each redacted answer as a fixture in this directory. */
  recordDir?: string | undefined;
  /** Run the write flow on `contactId` (nothing is written without it). */
  allowWrites: boolean;
  contactId?: string | undefined;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const USAGE = `Usage: HIGHLEVEL_TOKEN=<token> conversations-api-conformance --location-id <id> [options]

Calls every read-only operation of the Conversations API it can reach for the location, validates
each answer (status, headers, body) against the bundled spec and prints a summary.

Options:
  --location-id <id>      the location (sub-account) to read (required)
  --base-url <url>        the API (default ${DEFAULT_BASE_URL})
  --api-version <v>       the Version header: ${API_VERSIONS.join(" or ")} (default ${DEFAULT_API_VERSION})
  --max-requests <n>      never send more than n requests, retries included (default ${DEFAULT_MAX_REQUESTS})
  --report <file>         also write the report as JSON
  --record <dir>          save each redacted answer as a fixture (one JSON file per operation)
  --allow-writes          also run the write flow (needs --contact-id): find or create the contact's
                          conversation, send an SMS, update and read back, clean up
  --contact-id <id>       the test contact of the write flow
  --help                  this text

Exit status: 0 every answer matches the spec, 1 any does not (or could not be checked), 2 usage error.`;

/** Reads the command line and the environment; throws UsageError. `undefined` for --help. */
export function parseOptions(argv: readonly string[], env: Record<string, string | undefined>): ConformanceOptions | undefined {
  const values: Record<string, string> = {};
  let allowWrites = false;
  const takesValue = new Set(["--location-id", "--base-url", "--api-version", "--max-requests", "--report", "--record", "--contact-id"]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return undefined;
    if (arg === "--allow-writes") {
      allowWrites = true;
      continue;
    }
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (!takesValue.has(name)) throw new UsageError(`unknown option ${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) throw new UsageError(`${name} needs a value`);
    values[name] = value;
  }
  const token = env.HIGHLEVEL_TOKEN?.trim();
  if (!token) throw new UsageError("HIGHLEVEL_TOKEN is not set: put a Sub-Account token or Private Integration Token in the environment");
  const locationId = values["--location-id"];
  if (!locationId) throw new UsageError("--location-id is required");
  const baseUrl = values["--base-url"] ?? DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url ${baseUrl} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`--base-url must be http(s), not ${url.protocol}`);
  const apiVersion = values["--api-version"] ?? DEFAULT_API_VERSION;
  if (!(API_VERSIONS as readonly string[]).includes(apiVersion)) throw new UsageError(`--api-version must be ${API_VERSIONS.join(" or ")}, not ${apiVersion}`);
  const maxRequests = values["--max-requests"] === undefined ? DEFAULT_MAX_REQUESTS : Number(values["--max-requests"]);
  if (!Number.isInteger(maxRequests) || maxRequests < 1) throw new UsageError(`--max-requests must be a whole number of at least 1, not ${values["--max-requests"]}`);
  const contactId = values["--contact-id"];
  if (allowWrites && !contactId) throw new UsageError("--allow-writes needs --contact-id <id> (the test contact the write flow uses)");
  if (contactId && !allowWrites) throw new UsageError("--contact-id is only for the write flow: add --allow-writes");
  return {
    token,
    locationId,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    apiVersion,
    maxRequests,
    reportFile: values["--report"],
    recordDir: values["--record"],
    allowWrites,
    contactId,
  };
}
