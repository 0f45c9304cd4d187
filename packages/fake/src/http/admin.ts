// The admin surface, for consumers that test over HTTP (another process, another language, a fake
// shared by several test files): what `Fake` offers in process, under a reserved prefix that is
// none of the spec's paths, so the client's typed paths can never reach it (a test holds both to
// that). It takes no token and counts against no rate limit; faults do not apply to it.
import { Hono } from "hono";
import type { Context } from "hono";
import type { Fake, SimulatedInbound } from "../fake.js";
import { FaultRuleError, type FaultRule } from "../faults.js";
import { FixtureError, type Fixtures } from "../state/fixtures.js";
import { FakeUsageError } from "../usage-error.js";
import type { WebhookUrls } from "../webhooks/sender.js";
import { json } from "./errors.js";

export const ADMIN_PREFIX = "/__fake";

/** The admin routes, as `METHOD path` (also what an unknown admin path is answered with). */
export const adminRoutes = [
  "POST /__fake/reset",
  "POST /__fake/seed",
  "POST /__fake/inbound",
  "GET /__fake/events",
  "GET /__fake/emails/{id}/delivery",
  "GET /__fake/webhooks",
  "PUT /__fake/webhooks",
  "GET /__fake/webhooks/deliveries",
  "POST /__fake/webhooks/deliveries/{id}/redeliver",
  "GET /__fake/faults",
  "POST /__fake/faults",
  "DELETE /__fake/faults",
] as const;

const fixtureLists = ["contacts", "conversations", "messages", "customSubtypes", "unsubscriptions", "uploads"] as const;

const problem = (status: number, error: string, message: string) => json(status, { statusCode: status, error, message });

/** A mistake in the request: answered 400 with its message. */
class AdminRequestError extends Error {
  override name = "AdminRequestError";
}

async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch {
    throw new AdminRequestError(`${c.req.method} ${c.req.path} takes a JSON object; the body is not JSON`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new AdminRequestError(`${c.req.method} ${c.req.path} takes a JSON object, not ${Array.isArray(value) ? "an array" : JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Fixtures as JSON: the lists of `Fixtures`, each of objects; a call's recording as base64. */
function fixturesFrom(body: Record<string, unknown>): Fixtures {
  for (const [key, list] of Object.entries(body)) {
    if (!(fixtureLists as readonly string[]).includes(key)) throw new FixtureError(`${key} is not a fixture list (${fixtureLists.join(", ")})`);
    if (!Array.isArray(list) || list.some((item) => item === null || typeof item !== "object" || Array.isArray(item))) {
      throw new FixtureError(`${key} must be a list of objects`);
    }
  }
  const messages = (body.messages as Array<Record<string, unknown>> | undefined)?.map((message, i) => {
    if (message.recording === undefined) return message;
    if (typeof message.recording !== "string") throw new FixtureError(`messages[${i}].recording: over HTTP, the recording's bytes in base64`);
    return { ...message, recording: new Uint8Array(Buffer.from(message.recording, "base64")) };
  });
  return { ...body, ...(messages ? { messages } : {}) } as Fixtures;
}

export function createAdminApp(fake: Fake): Hono {
  const admin = new Hono({ strict: true });

  admin.post("/reset", () => {
    fake.reset();
    return new Response(null, { status: 204 });
  });
  admin.post("/seed", async (c) => {
    fake.seed(fixturesFrom(await jsonObject(c)));
    return new Response(null, { status: 204 });
  });
  admin.post("/inbound", async (c) => json(201, fake.simulateInbound((await jsonObject(c)) as unknown as SimulatedInbound)));
  admin.get("/events", () => json(200, { events: fake.events }));
  admin.get("/emails/:id/delivery", (c) => {
    const report = fake.emailDelivery(c.req.param("id"));
    return report ? json(200, report) : problem(404, "Not Found", `no email message ${c.req.param("id")}`);
  });

  const webhookSettings = () => ({ publicKey: fake.webhooks.publicKey, algorithm: fake.webhooks.algorithm, ...fake.webhooks.urls });
  admin.get("/webhooks", () => json(200, webhookSettings()));
  admin.put("/webhooks", async (c) => {
    const { appUrl, providerUrl, ...rest } = await jsonObject(c);
    if (Object.keys(rest).length) throw new AdminRequestError(`PUT ${ADMIN_PREFIX}/webhooks takes appUrl and providerUrl, not ${Object.keys(rest).join(", ")}`);
    fake.webhooks.setUrls({ appUrl, providerUrl } as WebhookUrls);
    return json(200, webhookSettings());
  });
  admin.get("/webhooks/deliveries", async (c) => {
    // ?idle: first wait until no delivery is under way (as long as the caller waits).
    if (c.req.query("idle") !== undefined) await fake.webhooks.idle({ signal: c.req.raw.signal });
    return json(200, { deliveries: fake.webhooks.deliveries });
  });
  admin.post("/webhooks/deliveries/:id/redeliver", async (c) => {
    const id = Number(c.req.param("id"));
    if (!Number.isInteger(id)) throw new AdminRequestError(`${c.req.param("id")} is not a delivery id (1, 2, ...)`);
    return json(200, { delivery: await fake.webhooks.redeliver(id) });
  });

  const describeFault = ({ rule, hits, calls }: Fake["faults"]["active"][number]) => ({ rule, hits, calls });
  admin.get("/faults", () => json(200, { faults: fake.faults.active.map(describeFault) }));
  admin.post("/faults", async (c) => json(201, { fault: describeFault(fake.faults.add((await jsonObject(c)) as FaultRule)) }));
  admin.delete("/faults", () => {
    fake.faults.clear();
    return new Response(null, { status: 204 });
  });

  admin.all("*", (c) => problem(404, "Not Found", `no admin route ${c.req.method} ${c.req.path}; the routes are: ${adminRoutes.join(", ")}`));

  admin.onError((error) => {
    if (error instanceof AdminRequestError || error instanceof FakeUsageError || error instanceof FixtureError || error instanceof FaultRuleError) {
      return problem(400, error.name, error.message);
    }
    return problem(500, "Internal Server Error", `the fake failed on ${ADMIN_PREFIX}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return admin;
}
