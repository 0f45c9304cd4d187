// The demo (`pnpm --filter @example/provider-bridge start`): the bridge against the stateful fake, in
// this process, over HTTP on 127.0.0.1 both ways, with a carrier that prints instead of sending.
// A user sends an SMS through the provider, the fake hands it to the bridge's Delivery URL
// (unsigned, as HighLevel does), the carrier "sends" it, the bridge reports it delivered; then the
// contact answers and the carrier's inbound webhook adds the reply to the conversation.
import { randomBytes } from "node:crypto";
import { createConversationsClient } from "@conversations-api/client";
import { startFake } from "@conversations-api/fake";
import type { Carrier } from "./carrier.js";
import { deliveryPath, startProviderBridge } from "./server.js";

export interface DemoResult {
  messageId: string;
  /** The message's status in the fake after the bridge reported it. */
  status: string;
  /** Whether the contact's answer was added to the conversation. */
  replyAdded: boolean;
}

const locationId = "DemoLocation00000001";
const contactId = "DemoContact000000001";
const phone = "+15550102020";

export async function runDemo(print: (line: string) => void = console.log): Promise<DemoResult> {
  const fake = await startFake({
    fixtures: { contacts: [{ id: contactId, locationId, fullName: "Dee Mo", email: "dee@example.com", phone }], conversations: [{ locationId, contactId }] },
  });
  const printingCarrier: Carrier = {
    async send({ to, text, reference }) {
      print(`carrier: "${text}" to ${to} (reference ${reference})`);
      return { status: "delivered" };
    },
  };
  const carrierInboundSecret = randomBytes(24).toString("base64url");
  const bridge = await startProviderBridge({
    conversationProviderId: "DemoProvider00000001",
    token: () => "demo-token",
    carrier: printingCarrier,
    deliveryUrlSecret: randomBytes(32).toString("base64url"),
    carrierInboundSecret,
    baseUrl: fake.url,
    log: (line) => print(`bridge: ${line}`),
  });
  try {
    print(`the fake API at ${fake.url}; the bridge's Delivery URL ${new URL(bridge.deliveryUrl).origin}${deliveryPath}<secret>`);
    fake.fake.webhooks.setUrls({ providerUrl: bridge.deliveryUrl });
    const api = createConversationsClient({ token: "demo-token", baseUrl: fake.url });
    const { messageId } = await api.unwrap(
      api.POST("/conversations/messages", { body: { type: "SMS", contactId, message: "Your order is ready for pickup.", conversationProviderId: "DemoProvider00000001" } }),
    );
    print(`sent message ${messageId} through the provider; HighLevel (the fake) hands it to the bridge, unsigned`);
    await fake.fake.webhooks.idle();
    await bridge.bridge.idle();
    const message = (await api.unwrap(api.GET("/conversations/messages/{id}", { params: { path: { id: messageId } } }))) as unknown as Record<string, any>;
    const status = String((message.message ?? message).status);
    print(`its status in HighLevel (the fake): ${status}`);

    const answer = await fetch(bridge.carrierInboundUrl, {
      method: "POST",
      headers: { authorization: `Bearer ${carrierInboundSecret}`, "content-type": "application/json" },
      body: JSON.stringify({ from: phone, to: "+15550100000", text: "Thanks, on my way!", carrierMessageId: "demo-inbound-1" }),
    });
    const replyAdded = answer.status === 200;
    print(`the contact answered; the carrier's webhook was answered ${answer.status}`);
    return { messageId, status, replyAdded };
  } finally {
    await bridge.stop();
    await fake.stop();
  }
}
