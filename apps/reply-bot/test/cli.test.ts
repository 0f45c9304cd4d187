// The example as its users run it: with no token, the demo runs against the mock on MOCK_PORT (as
// `pnpm mock` serves it): it starts the bot, delivers a signed sample InboundMessage over HTTP,
// shows the reply, and stops; with nothing on MOCK_PORT it says how to start the mock.
import { fileURLToPath } from "node:url";
import { findFreePort, isListening, mockUrl, runNode } from "@test/support";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
/** The environment without any HIGHLEVEL_* or MOCK_PORT setting of the machine running the tests. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("HIGHLEVEL_") && key !== "MOCK_PORT"));
const runCli = (env: NodeJS.ProcessEnv) => runNode([cli], { env: { ...cleanEnv, ...env }, timeoutMs: 30_000 });

describe("reply-bot with no token", () => {
  it("runs the demo against the mock on MOCK_PORT: a signed sample event in, a reply out, then exits", async () => {
    const mockPort = new URL(mockUrl()).port;
    const { status, stdout, stderr } = await runCli({ MOCK_PORT: mockPort });
    expect(status, stderr).toBe(0);
    expect(stdout).toContain(`replying through the mock at http://127.0.0.1:${mockPort}`);
    const botPort = Number(stdout.match(/listening at http:\/\/127\.0\.0\.1:(\d+)\/webhooks/)?.[1]);
    expect(stdout).toContain('delivering a signed InboundMessage from cI08i1Bls3iTB9bKgFJh: "Can we move my appointment to 3pm?"');
    expect(stdout).toContain("bot: replied to cI08i1Bls3iTB9bKgFJh in fcanlLgpbQgQhderivVs by SMS: message ve9EPM428h8vShlRW1KT");
    expect(stdout).toContain("the bot answered 200");
    // The bot stopped with the demo.
    expect(await isListening(botPort)).toBe(false);
  });

  it("says how to start the mock when nothing answers on MOCK_PORT, and delivers nothing", async () => {
    const { status, stdout, stderr } = await runCli({ MOCK_PORT: String(await findFreePort()) });
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("start the mock with `pnpm mock`");
  });

  it("rejects a MOCK_PORT that is not a port", async () => {
    const { status, stderr } = await runCli({ MOCK_PORT: "lots" });
    expect(status).toBe(2);
    expect(stderr).toContain('MOCK_PORT is not a port: "lots"');
  });
});
