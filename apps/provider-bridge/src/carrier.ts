// The carrier: whatever actually moves text messages (an SMS aggregator's REST API, SMPP, a modem).
// The bridge needs two things of it, and this small interface is all a real one has to implement
// (README: "Plugging in a real carrier"); the tests use a fake one.

/** A text HighLevel wants sent (from a ProviderOutboundMessage). */
export interface OutgoingText {
  /** The contact's number, as HighLevel gives it (E.164, e.g. +15550100123). */
  to: string;
  text: string;
  /** Attachment URLs (MMS), possibly none. */
  mediaUrls: readonly string[];
  /**
   * HighLevel's messageId: pass it to the carrier as its client reference where it takes one, so
   * that a carrier that deduplicates on it never sends a message twice.
   */
  reference: string;
}

/** What the carrier said about a text it was reached for. */
export type SendOutcome =
  | { status: "delivered"; carrierMessageId?: string }
  /** Refused for good (an invalid number, an opt-out): reported to HighLevel as failed, not retried. */
  | { status: "failed"; code?: string; reason: string };

/** A text the carrier received from a contact (the carrier's inbound webhook, translated). */
export interface IncomingText {
  /** The contact's number. */
  from: string;
  /** Your number it was sent to. */
  to: string;
  text: string;
  /** The carrier's id of it: a redelivery by the carrier is added once. */
  carrierMessageId: string;
  mediaUrls?: readonly string[];
}

export interface Carrier {
  /**
   * Sends one text. Resolves with the outcome; rejects when the carrier could not be reached or
   * answered a transient error (an outage, a 5xx, a timeout): the bridge tries again, a bounded
   * number of times, then answers HighLevel's delivery 503 so that it is delivered again.
   * `signal` aborts when the bridge stops.
   */
  send(text: OutgoingText, signal: AbortSignal): Promise<SendOutcome>;
}
