// What the adapters answer for an error, and who hears about it. Shared by the Fetch and node
// adapters so that both answer alike.
import { WebhookError } from "../errors.js";
import { defaultReplayStore } from "../replay-store.js";
import type { UnwrapOptions, WebhookEndpoint } from "../unwrap.js";

export interface HandlerOptions {
  /**
   * Told of every delivery that was not handled: refusals (WebhookVerificationError), unknown event
   * types, configuration errors, and what the handler threw. Default: console.error for answers of
   * 500 and up, console.warn for the rest, one line each.
   */
  onError?: (error: unknown) => void;
}

export interface Answer {
  status: number;
  body: string;
}

/** The answer for an error: its status, and a small JSON body with its code (never the payload). */
export function answerFor(error: unknown): Answer {
  if (error instanceof WebhookError) {
    const body = error.status < 300 ? { received: true, note: error.code } : { error: error.code, message: error.message };
    return { status: error.status, body: JSON.stringify(body) };
  }
  // The handler failed: 500, so that HighLevel delivers the event again.
  return { status: 500, body: JSON.stringify({ error: "handler_failed" }) };
}

export function reportError(error: unknown, options: HandlerOptions): void {
  if (options.onError) {
    options.onError(error);
    return;
  }
  const status = answerFor(error).status;
  const line = `webhook: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  if (status >= 500) console.error(line);
  else console.warn(line);
}

export const receivedBody = JSON.stringify({ received: true });

/** Forgets the replay key (webhookId, or an unsigned provider delivery's messageId) of an event whose handler failed, so that HighLevel's redelivery is not taken for a replay. */
export async function releaseAfterFailure(replayKey: string, options: UnwrapOptions<WebhookEndpoint> & HandlerOptions): Promise<void> {
  try {
    await (options.replayStore ?? defaultReplayStore()).release(replayKey);
  } catch (error) {
    reportError(error, options);
  }
}
