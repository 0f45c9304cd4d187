// Token redaction for everything the server sends or logs: tool results and errors, resource
// contents, log lines. The client already redacts its own log lines; this is the server's last
// line of defence, applied to every string that leaves it.

export type Redact = (text: string) => string;

/** A redactor of the given secrets (empty strings ignored), longest first so a token inside another survives no part. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redact {
  const list = [...new Set(secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  if (!list.length) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join("[redacted]");
    return out;
  };
}
