// A custom provider's Delivery URL, which HighLevel does not sign today (vendor docs issue #224):
// an unsigned delivery is refused unless the receiver opted in to a secret in the URL; with it, the
// right secret (query parameter or path segment) is accepted once per messageId, a wrong one is
// refused, and a signature header, when present, is verified whatever the URL says. The secret is
// never in an error. The node:http and Fetch adapters over real HTTP on 127.0.0.1.
import type { IncomingMessage, ServerResponse } from "node:http";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createFetchHandler } from "../src/adapters/fetch.js";
import { createNodeHandler } from "../src/adapters/node.js";
import {
  InvalidSignatureError,
  InvalidUrlSecretError,
  MemoryReplayStore,
  MissingReplayFieldError,
  MissingSignatureError,
  PayloadValidationError,
  type ProviderOutboundMessage,
  ReplayedWebhookError,
  TimestampOutsideWindowError,
  unwrap,
  type UnwrapOptions,
  WebhookConfigurationError,
} from "../src/index.js";
import { matchesSecret, urlSecretCheck } from "../src/url-secret.js";
import { exampleEvent, generateSigningKeys, signatureHeadersFor } from "../src/testing/index.js";
import { deliveryOf, flipByte, testKeys } from "./support/deliveries.js";
import { serve } from "./support/http.js";

const secret = "pR0v1der-Delivery-URL-secret_0123456789abcdef";
const otherSecret = "rotated-Delivery-URL-secret_9876543210ZYXWVU";
const deliveryUrl = `https://sms.example.com/highlevel/deliveries?secret=${secret}`;

/** A delivery as HighLevel sends one to a Delivery URL today: no signature header, no timestamp, no webhookId. */
function unsigned(payload: object = exampleEvent("ProviderOutboundMessage", "custom")) {
  return { body: JSON.stringify(payload), headers: { "content-type": "application/json" } };
}

async function unwrapProvider(body: string, headers: Record<string, string>, options: UnwrapOptions<"provider"> = {}) {
  return unwrap(body, headers, {
    endpoint: "provider",
    publicKeys: [(await testKeys()).publicKey],
    replayStore: new MemoryReplayStore(),
    urlSecret: { secrets: [secret] },
    requestUrl: deliveryUrl,
    ...options,
  });
}

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("an unsigned delivery at a provider's Delivery URL", () => {
  it("is refused without configuration, as before: no signature, no trust", async () => {
    const { body, headers } = unsigned();
    const error = await refusal(unwrap(body, headers, { endpoint: "provider", replayStore: new MemoryReplayStore(), requestUrl: deliveryUrl }));
    expect(error).toBeInstanceOf(MissingSignatureError);
    expect((error as MissingSignatureError).status).toBe(401);
  });

  it("is accepted with the right secret in the query parameter, typed as a ProviderOutboundMessage", async () => {
    const { body, headers } = unsigned();
    const event: ProviderOutboundMessage = await unwrapProvider(body, headers);
    expect(event).toMatchObject({ type: "Custom", messageId: "Rx0vW4xZ9aB3dE6gH7kL", message: "Your table is ready." });
    expect(event.webhookId).toBeUndefined();
  });

  it("is accepted with the right secret as the last path segment, and with a query parameter of another name", async () => {
    const { body, headers } = unsigned();
    await expect(unwrapProvider(body, headers, { urlSecret: { secrets: [secret], in: "path" }, requestUrl: `/highlevel/deliveries/${secret}` })).resolves.toBeDefined();
    await expect(unwrapProvider(body, headers, { urlSecret: { secrets: [secret], queryParameter: "k" }, requestUrl: `/deliveries?k=${secret}&x=1` })).resolves.toBeDefined();
  });

  it("is refused with a wrong, truncated, longer or missing secret", async () => {
    const { body, headers } = unsigned();
    for (const requestUrl of [
      `/deliveries?secret=${otherSecret}`,
      `/deliveries?secret=${secret.slice(0, -1)}`,
      `/deliveries?secret=${secret}x`,
      "/deliveries",
      `/deliveries?secret=`,
      `/deliveries/${secret}`, // in the path, but the receiver reads the query
      `/deliveries?other=${secret}`,
    ]) {
      const error = await refusal(unwrapProvider(body, headers, { requestUrl }));
      expect(error, requestUrl).toBeInstanceOf(InvalidUrlSecretError);
      expect((error as InvalidUrlSecretError).status).toBe(401);
    }
    const inPath = await refusal(unwrapProvider(body, headers, { urlSecret: { secrets: [secret], in: "path" }, requestUrl: `/deliveries/${secret}/extra` }));
    expect(inPath).toBeInstanceOf(InvalidUrlSecretError);
  });

  it("accepts any secret of the list, so that a rotation has no gap", async () => {
    const { body, headers } = unsigned();
    const urlSecret = { secrets: [otherSecret, secret] };
    await expect(unwrapProvider(body, headers, { urlSecret, requestUrl: `/d?secret=${secret}` })).resolves.toBeDefined();
    await expect(unwrapProvider(body, headers, { urlSecret, requestUrl: `/d?secret=${otherSecret}` })).resolves.toBeDefined();
  });

  it("is refused when its messageId was accepted before: a replay, or a redelivery with another webhookId", async () => {
    const replayStore = new MemoryReplayStore();
    const first = unsigned();
    await unwrapProvider(first.body, first.headers, { replayStore });
    const replayed = await refusal(unwrapProvider(first.body, first.headers, { replayStore }));
    expect(replayed).toBeInstanceOf(ReplayedWebhookError);
    expect(replayed).toMatchObject({ field: "messageId", webhookId: "Rx0vW4xZ9aB3dE6gH7kL", status: 200 });
    const again = unsigned({ ...exampleEvent("ProviderOutboundMessage", "custom"), webhookId: "another-delivery" });
    expect(await refusal(unwrapProvider(again.body, again.headers, { replayStore }))).toBeInstanceOf(ReplayedWebhookError);
    const next = unsigned({ ...exampleEvent("ProviderOutboundMessage", "custom"), messageId: "AnotherMessage000001" });
    await expect(unwrapProvider(next.body, next.headers, { replayStore })).resolves.toMatchObject({ messageId: "AnotherMessage000001" });
  });

  it("is refused without a messageId, with a stale timestamp, and (validate) when it does not match the spec", async () => {
    const { messageId: _messageId, ...withoutId } = exampleEvent("ProviderOutboundMessage", "custom");
    const noId = unsigned(withoutId);
    expect(await refusal(unwrapProvider(noId.body, noId.headers))).toMatchObject({ constructor: MissingReplayFieldError, field: "messageId" });
    const stale = unsigned({ ...exampleEvent("ProviderOutboundMessage", "custom"), timestamp: "2024-03-27T18:25:00.000Z" });
    expect(await refusal(unwrapProvider(stale.body, stale.headers))).toBeInstanceOf(TimestampOutsideWindowError);
    const wrong = unsigned({ ...exampleEvent("ProviderOutboundMessage", "custom"), phone: 15550100123 });
    expect(await refusal(unwrapProvider(wrong.body, wrong.headers, { validate: true }))).toMatchObject({ constructor: PayloadValidationError, field: "phone" });
  });

  it("never puts the secret or the URL in an error", async () => {
    const { body, headers } = unsigned();
    const error = await refusal(unwrapProvider(body, headers, { requestUrl: `/deliveries?secret=${secret.slice(0, -2)}zz` }));
    expect(error).toBeInstanceOf(InvalidUrlSecretError);
    const shown = `${String(error)} ${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`;
    expect(shown).not.toContain(secret.slice(0, 16));
    expect(shown).not.toContain("/deliveries");
  });
});

describe("a signature header at a provider's Delivery URL is verified whatever else is configured", () => {
  it("a present but invalid signature is refused, even with the right URL secret", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("ProviderOutboundMessage", "sms"));
    const error = await refusal(unwrapProvider(flipByte(body, "shipped"), headers));
    expect(error).toBeInstanceOf(InvalidSignatureError);
    const foreign = await generateSigningKeys();
    const signedByOther = await signatureHeadersFor(body, { keys: foreign });
    expect(await refusal(unwrapProvider(body, signedByOther))).toBeInstanceOf(InvalidSignatureError);
  });

  it("a valid signature is accepted (the vendor's fix picked up), with the signed rules: timestamp and webhookId", async () => {
    const { body, headers } = await deliveryOf(exampleEvent("ProviderOutboundMessage", "sms"));
    await expect(unwrapProvider(body, headers, { requestUrl: "/deliveries?secret=not-the-secret" })).resolves.toMatchObject({ type: "SMS" });
    const unsignedFields = await deliveryOf(exampleEvent("ProviderOutboundMessage", "sms"), { webhookId: null });
    expect(await refusal(unwrapProvider(unsignedFields.body, unsignedFields.headers))).toMatchObject({ constructor: MissingReplayFieldError, field: "webhookId" });
  });

  it("a legacy x-wh-signature alone is refused when the receiver did not opt in to it, URL secret or not", async () => {
    const { body } = unsigned();
    const error = await refusal(unwrapProvider(body, { "content-type": "application/json", "x-wh-signature": "bm90IGEgc2lnbmF0dXJl" }));
    expect(error).toBeInstanceOf(MissingSignatureError);
  });
});

describe("urlSecret's configuration", () => {
  it("is for the provider endpoint only, needs the request's URL, and secrets long and URL-safe", async () => {
    const { body, headers } = unsigned();
    const problems = [
      // @ts-expect-error urlSecret is for the provider endpoint only (JavaScript callers get the error below)
      refusal(unwrap(body, headers, { urlSecret: { secrets: [secret] }, requestUrl: deliveryUrl })),
      refusal(unwrapProvider(body, headers, { requestUrl: undefined })),
      refusal(unwrapProvider(body, headers, { urlSecret: { secrets: [] } })),
      refusal(unwrapProvider(body, headers, { urlSecret: { secrets: ["too-short"] } })),
      refusal(unwrapProvider(body, headers, { urlSecret: { secrets: [`${secret}/with?reserved&chars`] } })),
      refusal(unwrapProvider(body, headers, { urlSecret: { secrets: [secret], in: "header" as "path" } })),
    ];
    for (const error of await Promise.all(problems)) {
      expect(error).toBeInstanceOf(WebhookConfigurationError);
      expect(String(error)).not.toContain(secret);
    }
  });

  it("compares every secret, whatever the length of the guess", () => {
    const check = urlSecretCheck({ secrets: [secret, otherSecret] });
    expect(matchesSecret(secret, check)).toBe(true);
    expect(matchesSecret(otherSecret, check)).toBe(true);
    for (const guess of [undefined, "", secret.slice(0, 8), `${secret}${secret}`, secret.replace(/.$/, "g")]) expect(matchesSecret(guess, check), String(guess)).toBe(false);
  });
});

describe("the adapters over real HTTP, with the secret in the URL they were posted to", () => {
  it("createNodeHandler: the path-segment secret; a wrong one answered 401; a failed handler's messageId released for the redelivery", async () => {
    const received: ProviderOutboundMessage[] = [];
    const errors: unknown[] = [];
    let failNext = false;
    const handler = createNodeHandler<"provider", IncomingMessage, ServerResponse>(
      (event) => {
        if (failNext) {
          failNext = false;
          throw new Error("carrier down");
        }
        received.push(event);
      },
      { endpoint: "provider", urlSecret: { secrets: [secret], in: "path" }, replayStore: new MemoryReplayStore(), onError: (error) => errors.push(error) },
    );
    const base = await serve(handler);
    const post = (path: string, payload: object = exampleEvent("ProviderOutboundMessage", "custom")) =>
      fetch(`${base}${path}`, { method: "POST", ...unsigned(payload) });

    expect((await post("/highlevel/deliveries/wrong-secret-wrong-secret-wrong-secret")).status).toBe(401);
    failNext = true;
    expect((await post(`/highlevel/deliveries/${secret}`)).status).toBe(500);
    expect((await post(`/highlevel/deliveries/${secret}`)).status).toBe(200);
    const replay = await post(`/highlevel/deliveries/${secret}`);
    expect([replay.status, await replay.json()]).toEqual([200, { received: true, note: "replayed_webhook" }]);
    expect(received.map((event) => event.messageId)).toEqual(["Rx0vW4xZ9aB3dE6gH7kL"]);
    expect(errors.map((error) => (error as Error).name)).toEqual(["InvalidUrlSecretError", "Error", "ReplayedWebhookError"]);
    expect(errors.map(String).join(" ")).not.toContain(secret.slice(0, 16));
  });

  it("createFetchHandler: the query-parameter secret; unsigned without the opt-in still 401", async () => {
    const received: string[] = [];
    const optedIn = createFetchHandler((event) => void received.push(event.messageId), {
      endpoint: "provider",
      urlSecret: { secrets: [secret] },
      replayStore: new MemoryReplayStore(),
      onError: () => {},
    });
    const notOptedIn = createFetchHandler(() => {}, { endpoint: "provider", replayStore: new MemoryReplayStore(), onError: () => {} });
    const request = (url: string) => new Request(url, { method: "POST", ...unsigned() });
    expect((await optedIn(request(deliveryUrl))).status).toBe(200);
    expect((await optedIn(request("https://sms.example.com/highlevel/deliveries?secret=nope"))).status).toBe(401);
    expect((await notOptedIn(request(deliveryUrl))).status).toBe(401);
    expect(received).toEqual(["Rx0vW4xZ9aB3dE6gH7kL"]);
  });
});
