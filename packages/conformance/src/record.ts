// `--record <dir>`: each operation's first answer, redacted, as a fixture: one JSON file per
// operation, `<operationId>.json`, in the shape the client's reality suite reads
// (packages/client/test/reality/fixtures): what was asked, what came back.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface Fixture {
  /** The spec's operationId: `get-conversation`. */
  operationId: string;
  method: string;
  /** The path template: `/conversations/{conversationId}`. */
  path: string;
  /** The `Version` header sent. */
  apiVersion: string;
  status: number;
  /** The media type and rate-limit headers (lower case). */
  headers: Record<string, string>;
  /** The body, redacted: JSON as JSON, text as a string, bytes as null (their count in `bodyBytes`). */
  body: unknown;
  bodyBytes?: number;
}

export async function writeFixture(directory: string, fixture: Fixture): Promise<string> {
  await mkdir(directory, { recursive: true });
  const file = join(directory, `${fixture.operationId}.json`);
  await writeFile(file, `${JSON.stringify({ source: "@conversations-api/conformance", ...fixture }, null, 2)}\n`);
  return file;
}
