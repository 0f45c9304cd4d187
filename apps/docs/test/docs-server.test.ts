// The docs' part of `pnpm start`: the built page is self-contained, and the CLI serves it on
// 127.0.0.1, prints its URL like the mock does, and stops on SIGTERM.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@test/support";
import { describe, expect, it } from "vitest";
import { defaultPagePath } from "../src/docs-server.js";

describe("the built API reference", () => {
  it("is one HTML file that loads no script or stylesheet from elsewhere", () => {
    const html = readFileSync(defaultPagePath, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+rel=["']?stylesheet/i);
  });
});

describe("pnpm mock in apps/docs (part of pnpm start)", () => {
  it("prints its URL, serves the page there, and stops on SIGTERM", async () => {
    const port = await findFreePort();
    const cli = spawn(process.execPath, [fileURLToPath(new URL("../dist/cli.js", import.meta.url))], {
      env: { ...process.env, DOCS_PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      cli.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = out.match(/served on (http:\/\/\S+)/);
        if (match?.[1]) resolve(match[1]);
      });
      cli.once("exit", (code) => reject(new Error(`docs CLI exited (${code}) before printing its URL:\n${out}`)));
    });
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("<title>");
    expect((await fetch(`${url}nothing-here`)).status).toBe(404);

    const exited = new Promise((resolve) => cli.once("exit", resolve));
    cli.kill("SIGTERM");
    await exited;
    await expect(fetch(url)).rejects.toThrow();
  });
});
