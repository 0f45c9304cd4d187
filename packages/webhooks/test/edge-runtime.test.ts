// The main entry needs WebCrypto and nothing of Node: it bundles for a neutral platform (no node:
// built-ins), runs in a context that has only Web APIs (no process, Buffer or require), and keeps
// Ajv and the bundled spec out of the verification path (they load only for `validate: true`).
import { runInContext, createContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { exampleEvent, generateSigningKeys, signedDelivery } from "../src/testing/index.js";

const entry = new URL("../src/index.ts", import.meta.url).pathname;

describe("the main entry", () => {
  it("bundles for a neutral platform, with Ajv and the spec only in the chunk that validate: true loads", async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: "neutral",
      format: "esm",
      splitting: true,
      outdir: "/virtual",
      write: false,
      mainFields: ["module", "main"],
      logLevel: "silent",
    });
    const [main, ...lazy] = result.outputFiles;
    expect(main?.path).toMatch(/index\.js$/);
    expect(main?.text).not.toMatch(/from\s*"node:|require\(/);
    expect(main?.text).not.toContain("json-schema.org");
    expect(lazy.some((chunk) => chunk.text.includes("json-schema.org") && chunk.text.includes("InboundMessage"))).toBe(true);
    // Verification alone stays small.
    expect(main?.text.length).toBeLessThan(40_000);
  });

  it("verifies a delivery in a context with Web APIs only", async () => {
    const script = await build({
      entryPoints: [entry],
      bundle: true,
      platform: "neutral",
      format: "iife",
      globalName: "webhooks",
      write: false,
      mainFields: ["module", "main"],
      logLevel: "silent",
    });
    const webOnly = createContext({ crypto, TextEncoder, TextDecoder, atob, btoa, Headers, Request, Response, URL, console });
    runInContext(script.outputFiles[0]?.text ?? "", webOnly);
    expect(runInContext("typeof process + typeof Buffer + typeof require", webOnly)).toBe("undefinedundefinedundefined");

    const keys = await generateSigningKeys();
    const { body, headers } = await signedDelivery(exampleEvent("InboundMessage", "sms"), { keys });
    webOnly.delivery = { body, headers, publicKey: keys.publicKey };
    const event = await runInContext(
      "webhooks.unwrap(delivery.body, new Headers(delivery.headers), { publicKeys: [delivery.publicKey] })",
      webOnly,
    );
    expect(event.type).toBe("InboundMessage");
    await expect(
      runInContext("webhooks.unwrap(delivery.body.replace('3pm', '4pm'), delivery.headers, { publicKeys: [delivery.publicKey] })", webOnly),
    ).rejects.toMatchObject({ name: "InvalidSignatureError" });
  });
});
