// search_docs: ranks the bundled documentation (code-docs.gen.ts) against the query's words and
// returns excerpts with the client call's signature. Plain term scoring: the corpus is small (a few
// hundred entries) and an agent's queries are words of the domain ("unread", "paging", "email").
import { docEntries } from "../code-docs.gen.js";
import type { DocEntry } from "./doc-entry.js";

export interface DocHit {
  kind: DocEntry["kind"];
  id: string;
  title: string;
  excerpt: string;
  signature?: string;
}

const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

const indexed = docEntries.map((entry) => ({
  entry,
  title: new Set([...words(entry.title), ...words(entry.id)]),
  text: entry.text.toLowerCase(),
}));

function excerpt(text: string, terms: string[], size = 320): string {
  const lower = text.toLowerCase();
  const at = Math.max(0, Math.min(...terms.map((term) => lower.indexOf(term)).filter((index) => index >= 0), text.length) - 80);
  const slice = text.slice(at, at + size).replace(/\s+/g, " ").trim();
  return `${at > 0 ? "…" : ""}${slice}${at + size < text.length ? "…" : ""}`;
}

export function searchDocs(query: string, { limit = 5, kind }: { limit?: number; kind?: DocEntry["kind"] } = {}): DocHit[] {
  const terms = [...new Set(words(query))].filter((term) => term.length > 1);
  if (!terms.length) return [];
  return indexed
    .filter(({ entry }) => !kind || entry.kind === kind)
    .map(({ entry, title, text }) => {
      let score = 0;
      for (const term of terms) {
        if (title.has(term)) score += 5;
        else if ([...title].some((word) => word.startsWith(term))) score += 3;
        const count = text.split(term).length - 1;
        score += Math.min(count, 5);
      }
      // An operation answers "how do I" questions best; a parameter entry repeats its operation's signature.
      if (entry.kind === "operation") score *= 1.2;
      return { entry, score };
    })
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ entry }) => ({
      kind: entry.kind,
      id: entry.id,
      title: entry.title,
      excerpt: excerpt(entry.text, terms),
      ...(entry.signature ? { signature: entry.signature } : {}),
    }));
}
