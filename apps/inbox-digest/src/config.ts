// Where the digest runs: against the local mock by default (no token, no network; `pnpm mock` serves
// it), or against the real API when HIGHLEVEL_TOKEN is set. Bad settings fail here, with a message
// that never shows the token.
import { parseArgs } from "node:util";

/** The example location of the spec, which the mock answers for. */
export const mockLocationId = "ABCHkzuJQ8ZMd4Te84GK";

export type Target = { kind: "mock"; baseUrl: string; locationId: string } | { kind: "api"; token: string; baseUrl?: string; locationId: string };

export interface Config {
  target: Target;
  json: boolean;
  pageSize: number;
  maxConversations: number;
  messagesPerConversation: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export const usage = `usage: inbox-digest [--json] [--page-size N] [--max N] [--messages N]

Without HIGHLEVEL_TOKEN, runs against the mock that \`pnpm mock\` serves on 127.0.0.1, port
MOCK_PORT (4010 by default). With it, runs against the API:
  HIGHLEVEL_TOKEN        a Sub-Account access token or Private Integration Token
  HIGHLEVEL_LOCATION_ID  the location (sub-account) whose unread inbox to digest (required)
  HIGHLEVEL_BASE_URL     optional; https://services.leadconnectorhq.com by default`;

export function readConfig(args: string[], env: NodeJS.ProcessEnv): Config {
  let values;
  try {
    ({ values } = parseArgs({
      // `pnpm start -- --json` passes the `--` on.
      args: args[0] === "--" ? args.slice(1) : args,
      options: {
        json: { type: "boolean", default: false },
        "page-size": { type: "string", default: "20" },
        max: { type: "string", default: "50" },
        messages: { type: "string", default: "3" },
      },
    }));
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }

  return {
    target: readTarget(env),
    json: values.json,
    pageSize: positiveInteger("--page-size", values["page-size"], 100),
    maxConversations: positiveInteger("--max", values.max, 1000),
    messagesPerConversation: positiveInteger("--messages", values.messages, 100),
  };
}

function readTarget(env: NodeJS.ProcessEnv): Target {
  const token = env.HIGHLEVEL_TOKEN?.trim();
  if (!token) {
    const port = env.MOCK_PORT?.trim() || "4010";
    if (!/^\d+$/.test(port) || Number(port) > 65_535) throw new ConfigError(`MOCK_PORT is not a port: ${JSON.stringify(port)}`);
    return { kind: "mock", baseUrl: `http://127.0.0.1:${port}`, locationId: env.HIGHLEVEL_LOCATION_ID?.trim() || mockLocationId };
  }

  const locationId = env.HIGHLEVEL_LOCATION_ID?.trim();
  if (!locationId) throw new ConfigError(`HIGHLEVEL_LOCATION_ID is required when HIGHLEVEL_TOKEN is set\n${usage}`);
  const baseUrl = env.HIGHLEVEL_BASE_URL?.trim();
  if (baseUrl && !URL.canParse(baseUrl)) throw new ConfigError(`HIGHLEVEL_BASE_URL is not a URL: ${JSON.stringify(baseUrl)}`);
  return { kind: "api", token, locationId, ...(baseUrl ? { baseUrl } : {}) };
}

function positiveInteger(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new ConfigError(`${flag} must be a whole number from 1 to ${max}, not ${JSON.stringify(text)}`);
  return value;
}
