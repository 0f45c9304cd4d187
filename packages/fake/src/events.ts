// Domain events: every state change that the vendor announces by webhook is recorded here, through
// this one seam. Payloads carry the vendor's webhook field names (see the webhook reference in the
// README), so a sender only has to sign and POST them.

interface MessageEventFields {
  locationId: string;
  contactId: string;
  conversationId: string;
  messageId: string;
  /** The webhook's channel name: "SMS", "Email", "CALL", "WhatsApp", "GMB", "FB", "IG", "Live Chat", ... */
  messageType: string;
  body: string;
  contentType: string;
  attachments: string[];
  dateAdded: string;
  status: string;
  userId?: string;
  conversationProviderId?: string;
  callDuration?: number;
  callStatus?: string;
  /** Email messages. */
  emailMessageId?: string;
  threadId?: string;
  provider?: string;
  from?: string;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  subject?: string;
}

/** What every delivered webhook body also carries (per the vendor's authentication guide). */
interface Envelope {
  /** ISO 8601, from the fake's clock. */
  timestamp: string;
  webhookId: string;
}

export interface InboundMessagePayload extends MessageEventFields, Envelope {
  type: "InboundMessage";
  direction: "inbound";
}

export interface OutboundMessagePayload extends MessageEventFields, Envelope {
  type: "OutboundMessage";
  direction: "outbound";
  source: string;
}

export interface ConversationUnreadUpdatePayload extends Envelope {
  type: "ConversationUnreadUpdate";
  locationId: string;
  /** The conversation's id. */
  id: string;
  contactId: string;
  unreadCount: number;
  inbox: boolean;
  starred: boolean;
  deleted: boolean;
}

/** Sent to a custom provider's delivery URL; here `type` is the channel, not the event. */
export interface ProviderOutboundMessagePayload extends Envelope {
  type: "SMS" | "Email";
  contactId: string;
  locationId: string;
  messageId: string;
  conversationProviderId: string;
  emailMessageId?: string;
  attachments: string[];
  message?: string;
  phone?: string;
  emailTo?: string[];
  emailFrom?: string;
  html?: string;
  subject?: string;
  userId?: string;
}

export interface EventPayloads {
  InboundMessage: InboundMessagePayload;
  OutboundMessage: OutboundMessagePayload;
  ConversationUnreadUpdate: ConversationUnreadUpdatePayload;
  ProviderOutboundMessage: ProviderOutboundMessagePayload;
}

export type EventName = keyof EventPayloads;

/** A recorded event: its name (the payload's `type` is the channel for ProviderOutboundMessage). */
export type FakeEvent = { [Name in EventName]: { name: Name; sequence: number; payload: EventPayloads[Name] } }[EventName];

export type EventListener = (event: FakeEvent) => void | Promise<void>;

export interface EventLog {
  readonly events: readonly FakeEvent[];
  emit<Name extends EventName>(name: Name, payload: Omit<EventPayloads[Name], keyof Envelope>): FakeEvent;
  subscribe(listener: EventListener): () => void;
  clear(): void;
}

export function createEventLog(
  envelope: () => Envelope,
  onListenerError: (error: unknown, event: FakeEvent) => void,
): EventLog {
  const events: FakeEvent[] = [];
  const listeners = new Set<EventListener>();
  return {
    events,
    emit(name, fields) {
      const event = { name, sequence: events.length + 1, payload: { ...fields, ...envelope() } } as unknown as FakeEvent;
      events.push(event);
      for (const listener of listeners) {
        // A listener (a webhook sender, a test's spy) must not break the API call that emitted.
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
