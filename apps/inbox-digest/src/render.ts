// The digest as a person reads it in a terminal or an email.
import type { Digest } from "./digest.js";

const bodyWidth = 80;

export function renderDigest(digest: Digest): string {
  const count = `${digest.entries.length} unread conversation${digest.entries.length === 1 ? "" : "s"}`;
  const lines = [
    `Unread inbox digest for location ${digest.locationId} (${digest.generatedAt})`,
    digest.truncated ? `${count} (the newest; there may be more: raise --max)` : count,
  ];
  if (digest.entries.length === 0) lines.push("", "Nothing unread.");
  for (const entry of digest.entries) {
    lines.push("", `* ${entry.contactName} - ${entry.unreadCount} unread - ${entry.channel} (conversation ${entry.conversationId})`);
    if (entry.messagesError) lines.push(`    (${entry.messagesError})`);
    for (const message of entry.latestMessages) {
      const arrow = message.direction === "inbound" ? "<-" : "->";
      const body = message.body.replace(/\s+/g, " ").trim();
      const shown = body.length > bodyWidth ? `${body.slice(0, bodyWidth - 3)}...` : body || `(${message.messageType})`;
      lines.push(`    ${arrow} ${message.dateAdded.slice(0, 16).replace("T", " ")}  ${shown}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
