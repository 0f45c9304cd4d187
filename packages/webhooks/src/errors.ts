// One class per way a delivery can fail. Every refusal is a WebhookVerificationError, so a receiver
// can answer all of them alike; each subclass names its cause, and `status` is the HTTP status the
// adapters answer with.

/** Everything this package throws. */
export abstract class WebhookError extends Error {
  abstract readonly code: string;
  /** The HTTP status an adapter answers with. */
  abstract readonly status: number;
}

/** The delivery was refused: it is not (or no longer) trustworthy, or not usable. */
export abstract class WebhookVerificationError extends WebhookError {}

/** No signature header that the options accept. */
export class MissingSignatureError extends WebhookVerificationError {
  override readonly name = "MissingSignatureError";
  readonly code = "missing_signature";
  readonly status = 401;
}

/** A signature that is malformed or does not verify with any of the keys. */
export class InvalidSignatureError extends WebhookVerificationError {
  override readonly name = "InvalidSignatureError";
  readonly code = "invalid_signature";
  readonly status = 401;
}

/**
 * An unsigned delivery at a provider's Delivery URL whose URL does not carry the secret (`urlSecret`).
 * The message never quotes the URL or the secret.
 */
export class InvalidUrlSecretError extends WebhookVerificationError {
  override readonly name = "InvalidUrlSecretError";
  readonly code = "invalid_url_secret";
  readonly status = 401;
}

/**
 * The body given was not the raw bytes (a string, Uint8Array/Buffer or ArrayBuffer): typically an
 * object parsed by a JSON body parser. A misconfigured receiver, not a bad delivery: adapters
 * answer 500 so that HighLevel delivers it again once the receiver is fixed.
 */
export class RawBodyRequiredError extends WebhookVerificationError {
  override readonly name = "RawBodyRequiredError";
  readonly code = "raw_body_required";
  readonly status = 500;
}

/** The body is larger than the adapter's `maxBodyBytes`. */
export class BodyTooLargeError extends WebhookVerificationError {
  override readonly name = "BodyTooLargeError";
  readonly code = "body_too_large";
  readonly status = 413;
}

/**
 * The body has no usable `timestamp` or `webhookId` (a signed delivery), or `messageId` (an unsigned
 * provider delivery), without which a replay cannot be told apart.
 */
export class MissingReplayFieldError extends WebhookVerificationError {
  override readonly name = "MissingReplayFieldError";
  readonly code = "missing_replay_field";
  readonly status = 400;
  constructor(
    readonly field: "timestamp" | "webhookId" | "messageId",
    message: string,
  ) {
    super(message);
  }
}

/** The `timestamp` is older than the window (stale) or further ahead than it (future). */
export class TimestampOutsideWindowError extends WebhookVerificationError {
  override readonly name = "TimestampOutsideWindowError";
  readonly code = "timestamp_outside_window";
  readonly status = 401;
  constructor(
    readonly timestamp: string,
    /** The receiver's clock when it checked, epoch milliseconds. */
    readonly now: number,
    readonly toleranceMs: number,
  ) {
    const skewSeconds = Math.round((now - Date.parse(timestamp)) / 1000);
    super(
      skewSeconds > 0
        ? `stale delivery: timestamp ${timestamp} is ${skewSeconds} s old, more than the ${toleranceMs / 1000} s window`
        : `delivery from the future: timestamp ${timestamp} is ${-skewSeconds} s ahead, more than the ${toleranceMs / 1000} s window`,
    );
  }
  get direction(): "stale" | "future" {
    return Date.parse(this.timestamp) < this.now ? "stale" : "future";
  }
}

/**
 * A `webhookId` that was accepted before (or, for an unsigned provider delivery, its `messageId`).
 * Adapters answer 200: the sender already has its answer, and a 4xx would only make a genuine
 * redelivery be sent again.
 */
export class ReplayedWebhookError extends WebhookVerificationError {
  override readonly name = "ReplayedWebhookError";
  readonly code = "replayed_webhook";
  readonly status = 200;
  constructor(
    /** The id that was seen before: the webhookId, or the messageId when `field` says so. */
    readonly webhookId: string,
    /** Which field told the replay: `webhookId`, or `messageId` for an unsigned provider delivery. */
    readonly field: "webhookId" | "messageId" = "webhookId",
  ) {
    super(`${field} ${webhookId} was already received: a replay or a redelivery`);
  }
}

/** A signed body that is not a JSON object (with a string `type` at an app's URL). */
export class MalformedPayloadError extends WebhookVerificationError {
  override readonly name = "MalformedPayloadError";
  readonly code = "malformed_payload";
  readonly status = 400;
}

/** `validate: true`: the payload does not match the spec's schema of its event. */
export class PayloadValidationError extends WebhookVerificationError {
  override readonly name = "PayloadValidationError";
  readonly code = "invalid_payload";
  readonly status = 400;
  constructor(
    /** The event's schema, e.g. `InboundMessage`. */
    readonly webhook: string,
    /** The first field at fault, as a path: `to`, `webhookPayload.delivery-status.code`, `attachments[0]`. */
    readonly field: string,
    /** Every problem found, each with its field. */
    readonly problems: ReadonlyArray<{ field: string; message: string }>,
  ) {
    super(`${webhook} payload does not match the spec: ${problems.map((problem) => `${problem.field || "(body)"} ${problem.message}`).join("; ")}`);
  }
}

/**
 * A verified delivery (signature, window and replay checks passed) of an event this package has no
 * type for: an app receives every event it subscribed to, not only the conversation ones. The
 * payload is here, parsed, for a receiver that handles other events. Adapters answer 200.
 */
export class UnknownEventTypeError extends WebhookError {
  override readonly name = "UnknownEventTypeError";
  readonly code = "unknown_event_type";
  readonly status = 200;
  constructor(
    readonly eventType: string,
    readonly payload: Readonly<Record<string, unknown>>,
  ) {
    super(`verified a ${eventType} event, which is not one of the conversation webhooks`);
  }
}

/** The options are wrong (a key that does not import, a negative window, ...). Adapters answer 500. */
export class WebhookConfigurationError extends WebhookError {
  override readonly name = "WebhookConfigurationError";
  readonly code = "configuration";
  readonly status = 500;
}
