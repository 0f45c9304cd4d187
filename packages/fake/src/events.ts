// Domain events: every state change that the vendor announces by webhook is recorded here, through
// this one seam (the webhook sender listens to it). The payloads are the webhook types of
// @conversations-api/webhooks, generated from the spec's `webhooks:` section, so the fake cannot
// drift from them; a test checks every emitted payload against the spec's schemas too.
import type { ConversationUnreadUpdate, InboundMessage, OutboundMessage, ProviderOutboundMessage, Verified } from "@conversations-api/webhooks";

/** What every delivered webhook body also carries (per the vendor's authentication guide). */
export interface Envelope {
  /** ISO 8601, from the fake's clock. */
  timestamp: string;
  /** A fresh UUID per event, unique across fakes and resets (a receiver's replay store outlives both). */
  webhookId: string;
}

/** The Marketplace app the message events are delivered for: `appId` and `versionId` of InboundMessage and OutboundMessage. */
export interface AppIdentity {
  appId: string;
  versionId: string;
}

/** The fake's app, unless `webhooks.app` names another. */
export const defaultAppIdentity: AppIdentity = { appId: "FakeMarketplaceApp01", versionId: "FakeMarketplaceVer01" };

/** The payload of each event the fake emits, with `timestamp` and `webhookId` always set. */
export interface EventPayloads {
  InboundMessage: Verified<InboundMessage>;
  OutboundMessage: Verified<OutboundMessage>;
  ConversationUnreadUpdate: Verified<ConversationUnreadUpdate>;
  /** Sent to a custom provider's delivery URL; here `type` is the channel, not the event. */
  ProviderOutboundMessage: Verified<ProviderOutboundMessage>;
}

export type EventName = keyof EventPayloads;

/** A recorded event: its name (the payload's `type` is the channel for ProviderOutboundMessage). */
export type FakeEvent = { [Name in EventName]: { name: Name; sequence: number; payload: EventPayloads[Name] } }[EventName];

/** An event's payload before the envelope (and, on message events, the app's identity) is added. */
export type EventFields<Name extends EventName> = Omit<EventPayloads[Name], keyof Envelope | keyof AppIdentity>;

const carriesAppIdentity = (name: EventName) => name === "InboundMessage" || name === "OutboundMessage";

export type EventListener = (event: FakeEvent) => void | Promise<void>;

export interface EventLog {
  readonly events: readonly FakeEvent[];
  emit<Name extends EventName>(name: Name, payload: EventFields<Name>): FakeEvent;
  subscribe(listener: EventListener): () => void;
  clear(): void;
}

export function createEventLog(
  envelope: () => Envelope,
  onListenerError: (error: unknown, event: FakeEvent) => void,
  app: AppIdentity = defaultAppIdentity,
): EventLog {
  const events: FakeEvent[] = [];
  const listeners = new Set<EventListener>();
  return {
    events,
    emit(name, fields) {
      const payload = { ...fields, ...(carriesAppIdentity(name) ? { appId: app.appId, versionId: app.versionId } : {}), ...envelope() };
      const event = { name, sequence: events.length + 1, payload } as unknown as FakeEvent;
      events.push(event);
      for (const listener of listeners) {
        // A listener (the webhook sender, a test's spy) must not break the API call that emitted.
        try {
          const pending = listener(event);
          if (pending && typeof pending.then === "function") pending.then(undefined, (error) => onListenerError(error, event));
        } catch (error) {
          onListenerError(error, event);
        }
      }
      return event;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      events.length = 0;
    },
  };
}
