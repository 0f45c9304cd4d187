// toDate: the three encodings the API uses for one date (`lastMessageDate`), and what is none of them.
import { describe, expect, it } from "vitest";
import { toDate } from "../../src/index.js";

const instant = Date.parse("2026-07-17T09:30:15.250Z");

describe("toDate", () => {
  it("reads epoch milliseconds, as search sends them", () => {
    expect(toDate(instant).toISOString()).toBe("2026-07-17T09:30:15.250Z");
  });

  it("reads a { seconds, nanoseconds } timestamp, as get-conversation sends it", () => {
    expect(toDate({ seconds: instant / 1000 - 0.25, nanoseconds: 250_000_000 }).toISOString()).toBe("2026-07-17T09:30:15.250Z");
    expect(toDate({ seconds: 1_784_280_615 }).getTime()).toBe(1_784_280_615_000);
  });

  it("reads an ISO 8601 string, as update-conversation sends it", () => {
    expect(toDate("2026-07-17T09:30:15.250Z").getTime()).toBe(instant);
  });

  it("reads a string of digits as epoch milliseconds, not as a year", () => {
    expect(toDate(String(instant)).getTime()).toBe(instant);
  });

  it("gives undefined for a field the answer left out, or null", () => {
    expect(toDate(undefined)).toBeUndefined();
    expect(toDate(null)).toBeUndefined();
  });

  it("gives an invalid Date for what is none of the encodings, without throwing", () => {
    for (const value of ["yesterday", {}, { seconds: "soon" }, true, [1]] as never[]) {
      expect(Number.isNaN(toDate(value).getTime()), JSON.stringify(value)).toBe(true);
    }
  });
});
