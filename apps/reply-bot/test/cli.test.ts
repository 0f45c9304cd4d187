// The example as its users run it: with no token, the demo starts the mock and the bot, delivers a
// signed sample InboundMessage over HTTP, shows the reply, and stops everything.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("HIGHLEVEL_")));

describe("reply-bot with no token", () => {
  it("runs the demo against the mock: a signed sample event in, a reply out, then exits", async () => {
    const { status, stdout, stderr } = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [cli], { env: cleanEnv }, (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/listening at http:\/\/127\.0\.0\.1:\d+\/webhooks, replying through the mock at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain('delivering a signed InboundMessage from cI08i1Bls3iTB9bKgFJh: "Can we move my appointment to 3pm?"');
    expect(stdout).toContain("bot: replied to cI08i1Bls3iTB9bKgFJh in fcanlLgpbQgQhderivVs by SMS: message ve9EPM428h8vShlRW1KT");
    expect(stdout).toContain("the bot answered 200");
    const mockPort = stdout.match(/the mock at http:\/\/127\.0\.0\.1:(\d+)/)?.[1];
    await expect(fetch(`http://127.0.0.1:${mockPort}/conversations/search?locationId=x`)).rejects.toThrow();
  });
});
