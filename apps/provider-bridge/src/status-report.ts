// Reporting a text's delivery to HighLevel: PUT /conversations/messages/{messageId}/status.
//
// Right after HighLevel hands a message over, this call is refused for several seconds: a 401, now a
// 403, "status changes are not allowed until the message is downstreamed to the conversation
// provider" (vendor docs issue #4). It is not an expired token, so the client that makes it never
// hands the refused token back to the token provider (no refresh: a fleet's single-use refresh token
// is not spent on it); the report is tried again, a bounded number of times, with backoff. 429s
// and 5xx are retried by the client first, then by this loop. A 400/404 is final.
import {
  AuthenticationError,
  ConnectionError,
  type ConversationsClient,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from "@conversations-api/client";
import { sleep } from "@conversations-api/fleet";
import { backoffDelay, type ResolvedRetry } from "./retry.js";
import type { PendingReport } from "./store.js";

export type ReportResult = { reported: true; attempts: number } | { reported: false; attempts: number; error: unknown };

/** Whether a failed report is worth another try, and why. */
export function retryReason(error: unknown): "not downstreamed yet" | "rate limited" | "server or connection" | undefined {
  if (error instanceof AuthenticationError || error instanceof PermissionError) return "not downstreamed yet";
  if (error instanceof RateLimitError) return "rate limited";
  if (error instanceof ServerError || error instanceof ConnectionError || error instanceof TimeoutError) return "server or connection";
  return undefined;
}

export async function reportStatus(
  client: ConversationsClient,
  report: PendingReport,
  retry: ResolvedRetry,
  signal: AbortSignal,
  log: (line: string) => void,
): Promise<ReportResult> {
  const body = { status: report.status, ...(report.error ? { error: report.error } : {}) };
  for (let attempt = 1; ; attempt++) {
    try {
      await client.unwrap(client.PUT("/conversations/messages/{messageId}/status", { params: { path: { messageId: report.messageId } }, body, signal }));
      return { reported: true, attempts: attempt };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const reason = retryReason(error);
      if (reason === undefined || attempt >= retry.maxAttempts) return { reported: false, attempts: attempt, error };
      log(`status ${report.status} of ${report.messageId}: attempt ${attempt} refused (${reason}), trying again`);
      await sleep(backoffDelay(attempt, retry), signal);
    }
  }
}
