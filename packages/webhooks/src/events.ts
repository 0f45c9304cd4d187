// The payload types, all derived from the generated `webhooks` interface of @conversations-api/types
// (the spec's `webhooks:` section), never written by hand.
import type { webhooks } from "@conversations-api/types";

/** Every webhook of the spec, by name: the four app events and ProviderOutboundMessage. */
export type WebhookName = keyof webhooks;

/** The JSON body of a webhook, as the spec describes it. */
export type WebhookPayload<Name extends WebhookName> = NonNullable<
  webhooks[Name]["post"]["requestBody"]
>["content"]["application/json"];

/** The events an app's webhook URL receives, told apart by their `type`. */
export type WebhookEventType = Exclude<WebhookName, "ProviderOutboundMessage">;

/** An event of an app's webhook URL: a union discriminated on `type`. */
export type WebhookEvent = { [Name in WebhookEventType]: WebhookPayload<Name> }[WebhookEventType];

export type InboundMessage = WebhookPayload<"InboundMessage">;
export type OutboundMessage = WebhookPayload<"OutboundMessage">;
export type ConversationUnreadUpdate = WebhookPayload<"ConversationUnreadUpdate">;
export type LCEmailStats = WebhookPayload<"LCEmailStats">;
/**
 * What a custom conversation provider's Delivery URL receives. Not part of `WebhookEvent`: its
 * `type` is the channel (`SMS` or `Email`), not the event's name.
 */
export type ProviderOutboundMessage = WebhookPayload<"ProviderOutboundMessage">;

/**
 * A payload after `unwrap`: its `timestamp` and `webhookId` were checked, so they are present
 * (the spec has them optional because the vendor's examples omit them).
 */
export type Verified<Payload> = Payload extends unknown ? Payload & { timestamp: string; webhookId: string } : never;

/** The event types of an app's webhook URL, at run time. */
export const webhookEventTypes = [
  "InboundMessage",
  "OutboundMessage",
  "ConversationUnreadUpdate",
  "LCEmailStats",
] as const satisfies readonly WebhookEventType[];

// Fails to compile when the spec gains an app event that the list above lacks.
type MissingFromList = Exclude<WebhookEventType, (typeof webhookEventTypes)[number]>;
const listIsComplete: [MissingFromList] extends [never] ? true : MissingFromList = true;
void listIsComplete;

export function isWebhookEventType(type: unknown): type is WebhookEventType {
  return (webhookEventTypes as readonly unknown[]).includes(type);
}
