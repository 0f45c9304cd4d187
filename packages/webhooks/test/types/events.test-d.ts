// The types consumers get: a union discriminated on `type`, derived from the spec; the provider's
// message apart from it; `unwrap` typed per endpoint; and what must not compile.
import type { webhooks } from "@conversations-api/types";
import { assertType, describe, expectTypeOf, it } from "vitest";
import {
  unwrap,
  type InboundMessage,
  type ProviderOutboundMessage,
  type Verified,
  type WebhookEvent,
  type WebhookEventType,
} from "../../src/index.js";
import { createNodeHandler } from "../../src/adapters/node.js";

declare const event: WebhookEvent;

describe("WebhookEvent", () => {
  it("is the app events of the spec's webhooks section, discriminated on type", () => {
    expectTypeOf<WebhookEventType>().toEqualTypeOf<"InboundMessage" | "OutboundMessage" | "ConversationUnreadUpdate" | "LCEmailStats">();
    expectTypeOf<InboundMessage>().toEqualTypeOf<webhooks["InboundMessage"]["post"]["requestBody"]["content"]["application/json"]>();
    switch (event.type) {
      case "InboundMessage":
        expectTypeOf(event.conversationId).toEqualTypeOf<string>();
        expectTypeOf(event.to).toEqualTypeOf<string | string[] | undefined>();
        // @ts-expect-error an InboundMessage has no unreadCount
        void event.unreadCount;
        break;
      case "ConversationUnreadUpdate":
        expectTypeOf(event.unreadCount).toEqualTypeOf<number>();
        break;
      case "LCEmailStats":
        expectTypeOf(event.webhookPayload["delivery-status"]).toMatchTypeOf<{ code?: number } | undefined>();
        break;
      case "OutboundMessage":
        assertType<string | undefined>(event.source);
        break;
      default:
        expectTypeOf(event).toBeNever();
    }
  });

  it("has the fields real deliveries carry, readable without a cast", () => {
    if (event.type === "InboundMessage" || event.type === "OutboundMessage") {
      expectTypeOf(event.appId).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.versionId).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.messageTypeId).toEqualTypeOf<number | undefined>();
      assertType<string | undefined>(event.messageTypeString);
      assertType<NonNullable<InboundMessage["messageTypeString"]>>("TYPE_CUSTOM_PROVIDER_SMS");
      assertType<string | undefined>(event.from);
      assertType<string | undefined>(event.messageId);
      assertType<InboundMessage["messageType"]>("Custom");
    }
    // @ts-expect-error a ConversationUnreadUpdate has no messageTypeString
    void (event.type === "ConversationUnreadUpdate" && event.messageTypeString);
    assertType<ProviderOutboundMessage["type"]>("Custom");
  });

  it("keeps open enums open: a channel added later is still a messageType", () => {
    assertType<InboundMessage["messageType"]>("RCS");
    assertType<InboundMessage["messageType"]>("SMS");
  });

  it("does not contain ProviderOutboundMessage, whose type is a channel", () => {
    expectTypeOf<Extract<WebhookEvent, ProviderOutboundMessage>>().toBeNever();
    assertType<ProviderOutboundMessage["type"]>("SMS");
    // @ts-expect-error "ProviderOutboundMessage" is not an app event type
    assertType<WebhookEventType>("ProviderOutboundMessage");
  });
});

describe("unwrap", () => {
  it("resolves with a verified app event by default: timestamp and webhookId present", () => {
    expectTypeOf(unwrap("{}", {})).resolves.toEqualTypeOf<Verified<WebhookEvent>>();
    expectTypeOf<Verified<WebhookEvent>["webhookId"]>().toEqualTypeOf<string>();
    expectTypeOf<WebhookEvent["webhookId"]>().toEqualTypeOf<string | undefined>();
  });

  it("resolves with a ProviderOutboundMessage at a provider's Delivery URL, timestamp and webhookId optional (unsigned deliveries need not carry them)", () => {
    expectTypeOf(unwrap("{}", {}, { endpoint: "provider" })).resolves.toEqualTypeOf<ProviderOutboundMessage>();
    expectTypeOf<ProviderOutboundMessage["webhookId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ProviderOutboundMessage["messageId"]>().toEqualTypeOf<string>();
    assertType(unwrap("{}", {}, { endpoint: "provider", urlSecret: { secrets: ["s".repeat(32)], in: "path" }, requestUrl: "/deliveries/x" }));
    // @ts-expect-error urlSecret at an app's webhook URL, whose deliveries are signed
    assertType(unwrap("{}", {}, { urlSecret: { secrets: ["s".repeat(32)] }, requestUrl: "/x" }));
    // @ts-expect-error the secret's place is "query" or "path"
    assertType(unwrap("{}", {}, { endpoint: "provider", urlSecret: { secrets: ["s".repeat(32)], in: "header" } }));
  });

  it("takes raw bodies only: a parsed object does not compile", () => {
    assertType(unwrap(new Uint8Array(), new Headers()));
    assertType(unwrap(new ArrayBuffer(0), {}));
    // @ts-expect-error a parsed body cannot be verified
    assertType(unwrap({ type: "InboundMessage" }, {}));
    // @ts-expect-error an unknown endpoint
    assertType(unwrap("{}", {}, { endpoint: "elsewhere" }));
  });

  it("types the node handler's event by endpoint", () => {
    createNodeHandler((message) => {
      expectTypeOf(message).toEqualTypeOf<ProviderOutboundMessage>();
    }, { endpoint: "provider" });
  });
});
