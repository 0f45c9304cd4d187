// update-email-message-status (v3): what a custom provider reports about an email it sent, with the
// vendor's rules (the operation's description in spec/paths/messages-email-status.yaml):
// - `status` overwrites the email's overall status (and its message's);
// - `events`: each counter the call sends is added to the stored one, so a 0 changes nothing and
//   never resets; before that, the call's events are completed with what they imply (below);
// - `recipients`: upserted by address; the recipients a call does not name keep their status;
// - the first time `delivered`, `opened` or `clicked` is counted is recorded, never moved.
import type { Schema } from "@conversations-api/types";
import type { EmailRecord, MessageRecord } from "./records.js";

export type EmailStatusUpdate = Schema<"UpdateEmailMessageStatusDto">;

/**
 * What an event implies, unless the call sends that counter itself: each implied counter the call
 * lacks is set to 1 in it (and implies in turn: a click implies delivered, hence accepted). `opened`
 * is implied only when open tracking is on for the email.
 */
const IMPLIES: Record<string, string[]> = {
  clicked: ["opened", "delivered"],
  complained: ["opened", "delivered"],
  unsubscribed: ["opened", "delivered"],
  replied: ["opened", "delivered"],
  opened: ["delivered"],
  delivered: ["accepted"],
  permanent_fail: ["accepted"],
  temporary_fail: ["accepted"],
};

const TIMED = ["delivered", "opened", "clicked"] as const;

/** The call's events completed with what they imply. */
export function withInferredEvents(events: Record<string, number>, openTracking: boolean): Record<string, number> {
  const completed = { ...events };
  const pending = Object.keys(events).filter((name) => events[name]! > 0);
  while (pending.length) {
    for (const implied of IMPLIES[pending.shift()!] ?? []) {
      if (implied === "opened" && !openTracking) continue;
      if (implied in completed) continue;
      completed[implied] = 1;
      pending.push(implied);
    }
  }
  return completed;
}

/** Why the update cannot be stored (answered 400), or undefined. */
export function emailStatusProblem(email: EmailRecord, update: EmailStatusUpdate): string | undefined {
  for (const [name, count] of Object.entries(update.events ?? {})) {
    if (count < 0) return `events.${name} must be 0 or more: counters are added to the stored ones`;
  }
  const addresses = new Set([...email.to, ...email.cc, ...email.bcc].map((address) => address.toLowerCase()));
  for (const [index, recipient] of (update.recipients ?? []).entries()) {
    if (!addresses.has(recipient.emailId.toLowerCase())) return `recipients[${index}].emailId ${recipient.emailId} is not a recipient of email ${email.id}`;
    if (recipient.failReason !== undefined && recipient.status !== "failed") return `recipients[${index}].failReason goes with status failed only, not ${recipient.status}`;
  }
  return undefined;
}

/** Stores a checked update (see emailStatusProblem) at time `now`. */
export function applyEmailStatus(email: EmailRecord, message: MessageRecord | undefined, update: EmailStatusUpdate, now: number): void {
  const { delivery } = email;
  for (const [name, count] of Object.entries(withInferredEvents(update.events ?? {}, email.openTracking))) {
    delivery.events[name] = (delivery.events[name] ?? 0) + count;
  }
  for (const name of TIMED) if ((delivery.events[name] ?? 0) > 0) delivery.firstAt[name] ??= now;
  for (const { emailId, status, failReason } of update.recipients ?? []) {
    const key = emailId.toLowerCase();
    const known = delivery.recipients.get(key);
    delivery.recipients.set(key, { emailId: known?.emailId ?? emailId, status, ...(failReason !== undefined ? { failReason } : {}) });
  }
  email.status = update.status;
  if (message) {
    message.status = update.status;
    message.dateUpdated = now;
  }
}

/** What the fake stored for an email: `fake.emailDelivery(id)` and `GET /__fake/emails/{id}/delivery`. */
export interface EmailDeliveryReport {
  emailMessageId: string;
  /** The overall status, as the last call set it (or as the email was sent). */
  status: string;
  /** The counters, the implied ones included. */
  events: Record<string, number>;
  /** In the order they were first reported. */
  recipients: Array<{ emailId: string; status: string; failReason?: string }>;
  /** When `delivered`, `opened` and `clicked` were first counted (ISO 8601). */
  firstAt: Partial<Record<"delivered" | "opened" | "clicked", string>>;
}

export function deliveryReport(email: EmailRecord): EmailDeliveryReport {
  const { events, recipients, firstAt } = email.delivery;
  return {
    emailMessageId: email.id,
    status: email.status,
    events: { ...events },
    recipients: [...recipients.values()].map((recipient) => ({ ...recipient })),
    firstAt: Object.fromEntries(Object.entries(firstAt).map(([name, ms]) => [name, new Date(ms).toISOString()])),
  };
}
