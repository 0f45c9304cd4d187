// Fleet tokens in one process (memory store and lock) against a loopback token endpoint that
// rotates refresh tokens as the vendor's does: when a refresh happens, how many, and what a
// failing endpoint gives (a clear error, one request, no loop, no secret anywhere).
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFleetTokens, memoryTokenStore, TokenRefreshError, type FleetTokensOptions, type Logger, type TokenStore } from "../src/index.js";
import { startTokenEndpoint, type TokenEndpoint } from "./support/token-endpoint.js";

const SECRET = "client-secret-do-not-log";
let endpoint: TokenEndpoint;
let store: TokenStore;
let logLines: string[];
const logger: Logger = {
  debug: (line) => logLines.push(line),
  info: (line) => logLines.push(line),
  warn: (line) => logLines.push(line),
  error: (line) => logLines.push(line),
};

beforeEach(async () => {
  endpoint = await startTokenEndpoint("refresh-0");
  store = memoryTokenStore();
  logLines = [];
});
afterEach(() => endpoint.close());

const fleetTokens = (options: Partial<FleetTokensOptions> = {}) =>
  createFleetTokens({ clientId: "client-id", clientSecret: SECRET, tokenUrl: endpoint.url, store, logger, ...options });

/** Stores an install whose access token expires in `expiresIn` seconds. */
const install = (tokens: ReturnType<typeof fleetTokens>, expiresIn: number) =>
  tokens.save("loc-1", { access_token: "access-0", refresh_token: "refresh-0", expires_in: expiresIn, userId: "user-1" });

describe("refreshing", () => {
  it("hands out the stored token while it is fresh, without asking the endpoint", async () => {
    const tokens = fleetTokens();
    await install(tokens, 3_600);
    expect(await tokens.provider("loc-1")()).toBe("access-0");
    expect(endpoint.requests).toHaveLength(0);
  });

  it("refreshes a token that expires within refreshBeforeMs, sends the form the vendor expects, and stores the rotated refresh token", async () => {
    const tokens = fleetTokens({ refreshBeforeMs: 60_000 });
    await install(tokens, 30);
    expect(await tokens.provider("loc-1")()).toBe("access-1");
    expect(endpoint.requests).toHaveLength(1);
    expect(Object.fromEntries(endpoint.requests[0]!)).toEqual({
      client_id: "client-id",
      client_secret: SECRET,
      grant_type: "refresh_token",
      refresh_token: "refresh-0",
      user_type: "Location",
    });
    expect(await store.read("loc-1")).toMatchObject({ accessToken: "access-1", refreshToken: "refresh-1", locationId: "loc-1" });
  });

  it("refreshes once for many concurrent callers", async () => {
    const tokens = fleetTokens();
    await install(tokens, 1);
    endpoint.delayMs = 200;
    const provider = tokens.provider("loc-1");
    expect(new Set(await Promise.all(Array.from({ length: 20 }, () => provider())))).toEqual(new Set(["access-1"]));
    expect(endpoint.requests).toHaveLength(1);
  });

  it("refreshes a token the API refused (passed back, or invalidated) even though the clock says it is fresh", async () => {
    const tokens = fleetTokens();
    await install(tokens, 3_600);
    const provider = tokens.provider("loc-1");
    expect(await provider()).toBe("access-0");
    expect(await provider("access-0")).toBe("access-1");
    provider.invalidate("access-1");
    expect(await provider()).toBe("access-2");
    expect(await provider("access-0")).toBe("access-2"); // an old refusal does not refresh again
    expect(endpoint.requests).toHaveLength(2);
  });

  it("keeps using a still-valid token when an early refresh fails, and says so", async () => {
    const tokens = fleetTokens({ refreshBeforeMs: 60_000 });
    await install(tokens, 30);
    endpoint.mode = "server_error";
    expect(await tokens.provider("loc-1")()).toBe("access-0");
    expect(logLines.join("\n")).toMatch(/early refresh of loc-1 failed \(server_error\)/);
  });

  it("fails with no_tokens for a key nobody saved", async () => {
    await expect(fleetTokens().provider("loc-unknown")()).rejects.toMatchObject({ name: "TokenRefreshError", code: "no_tokens" });
  });
});

describe("a failing token endpoint", () => {
  it("5xx: a TokenRefreshError with code server_error; the next calls within the cooldown do not ask again", async () => {
    const tokens = fleetTokens({ failureCooldownMs: 60_000 });
    await install(tokens, 1);
    endpoint.mode = "server_error";
    const provider = tokens.provider("loc-1");
    const error = await Promise.resolve(provider()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenRefreshError);
    expect(error).toMatchObject({ code: "server_error", status: 503, key: "loc-1" });
    await expect(provider()).rejects.toMatchObject({ code: "server_error" });
    await expect(provider("access-0")).rejects.toMatchObject({ code: "server_error" });
    expect(endpoint.requests).toHaveLength(1);
  });

  it("invalid_grant: a TokenRefreshError with code invalid_grant, and the spent refresh token is never sent again", async () => {
    const tokens = fleetTokens({ failureCooldownMs: 0 });
    await install(tokens, 1);
    endpoint.mode = "invalid_grant";
    const provider = tokens.provider("loc-1");
    await expect(provider()).rejects.toMatchObject({ name: "TokenRefreshError", code: "invalid_grant", status: 400, oauthError: "invalid_grant" });
    for (let i = 0; i < 5; i++) await expect(provider()).rejects.toMatchObject({ code: "invalid_grant" });
    expect(endpoint.requests).toHaveLength(1);
    // A new install (save) is the way out.
    endpoint.mode = "ok";
    endpoint.validRefreshToken = "refresh-new";
    await tokens.save("loc-1", { access_token: "access-new", refresh_token: "refresh-new", expires_in: 1, userId: "user-1" });
    expect(await provider()).toBe("access-1");
  });

  it("no answer: a TokenRefreshError with code network_error after requestTimeoutMs, and the socket is freed", async () => {
    const tokens = fleetTokens({ requestTimeoutMs: 300 });
    await install(tokens, 1);
    endpoint.mode = "hang";
    const started = Date.now();
    await expect(tokens.provider("loc-1")()).rejects.toMatchObject({ code: "network_error" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(endpoint.requests).toHaveLength(1);
    for (let i = 0; i < 20 && endpoint.openRequestConnections() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(endpoint.openRequestConnections()).toBe(0);
  });

  it("never shows the client secret or a token in the error, its cause, inspect output or the log", async () => {
    const tokens = fleetTokens({ failureCooldownMs: 0 });
    await install(tokens, 1);
    endpoint.mode = "invalid_grant"; // the endpoint's description echoes the refresh token it got
    const error = await Promise.resolve(tokens.provider("loc-1")()).catch((caught: unknown) => caught);
    const shown = [inspect(error, { depth: 10, showHidden: true }), String(error), JSON.stringify(error), logLines.join("\n"), inspect(tokens, { depth: 10, showHidden: true }), inspect(store, { depth: 10, showHidden: true }), inspect(tokens.provider("loc-1"), { showHidden: true })].join("\n");
    expect(shown).toContain("invalid_grant");
    for (const secret of [SECRET, "refresh-0", "access-0"]) expect(shown).not.toContain(secret);
  });
});
