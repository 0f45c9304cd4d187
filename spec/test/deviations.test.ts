// DEVIATIONS.md and the spec agree: every decision listed there is marked in the spec with
// `x-vendor-deviation: <id>`, and the spec marks no decision that the document does not explain.
import { readFileSync } from "node:fs";
import { readBundledSpec } from "@test/support";
import { describe, expect, it } from "vitest";

const documentText = readFileSync(new URL("../DEVIATIONS.md", import.meta.url), "utf8");
const listedIds = [...documentText.matchAll(/^### `([a-z0-9-]+)`$/gm)].map((match) => match[1]);
const spec = readBundledSpec();

/** Every id named by an `x-vendor-deviation` anywhere in the spec's files. */
function markedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(markedIds);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === "x-vendor-deviation" ? [item].flat().map(String) : markedIds(item),
  );
}

// The bundle holds every file of the spec once (lint forbids unused components).
const markedInSpec = new Set(markedIds(spec));

describe("DEVIATIONS.md", () => {
  it("lists deviations, each under a heading with its id", () => {
    expect(listedIds.length).toBeGreaterThanOrEqual(20);
    expect(new Set(listedIds).size).toBe(listedIds.length);
  });

  for (const id of listedIds) {
    it(`${id}: is marked in the spec`, () => {
      expect(markedInSpec.has(id ?? ""), `no x-vendor-deviation: ${id} in spec/`).toBe(true);
    });
  }

  it("explains every deviation the spec marks", () => {
    expect([...markedInSpec].filter((id) => !listedIds.includes(id))).toEqual([]);
  });
});

describe("the wire: what the real API answers", () => {
  const section = documentText.slice(documentText.indexOf("## The wire"), documentText.indexOf("## Security"));
  const entries = section.split(/^### /m).slice(1);

  it("is a section of DEVIATIONS.md with its entries and what it leaves out", () => {
    expect(entries.length).toBeGreaterThanOrEqual(15);
    expect(entries.some((entry) => entry.startsWith("Left out, and why"))).toBe(true);
  });

  for (const entry of entries.filter((text) => text.startsWith("`"))) {
    const id = entry.slice(1, entry.indexOf("`", 1));
    it(`${id}: names its evidence and its confidence`, () => {
      expect(entry).toMatch(/\*\*(confirmed|one capture|medium|inferred)\*\*/);
      expect(entry).toMatch(/Evidence|evidence|recorded|#\d+/);
    });
  }
});

describe("the message type code table", () => {
  const codes = new Map<string, number>(
    spec.components.schemas.MessageTypeCode.oneOf.map((entry: any) => [entry.title, entry.const]),
  );

  it("matches the anchors of the vendor's text", () => {
    expect(codes.get("TYPE_CALL")).toBe(1);
    expect(codes.get("TYPE_SMS")).toBe(2);
    expect(codes.get("TYPE_EMAIL")).toBe(3);
    expect(codes.get("TYPE_CAMPAIGN_VOICEMAIL")).toBe(10);
    expect(codes.get("TYPE_CUSTOM_CALL")).toBe(34);
  });

  it("numbers the vendor's TYPE_* list without TYPE_RCS, in order, from 1", () => {
    const names = spec.components.schemas.MessageTypeString.enum.filter((name: string) => name !== "TYPE_RCS");
    expect([...codes.keys()]).toEqual(names);
    expect([...codes.values()]).toEqual(names.map((_: string, index: number) => index + 1));
  });

  it("is the table printed in DEVIATIONS.md", () => {
    for (const [name, code] of codes) expect(documentText).toMatch(new RegExp(`\\| ${code} \\| ${name} \\|`));
  });
});
