// Reads a header from what receivers have at hand: a Fetch API `Headers`, or the plain object of
// node:http / Express (lower-case names, a value or a list of values) or one written by hand.

export type HeadersInput = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The header's value, or undefined when it is absent or empty. Repeated values are joined as Fetch does. */
export function readHeader(headers: HeadersInput, name: string): string | undefined {
  let value: string | readonly string[] | null | undefined;
  if (typeof (headers as Headers).get === "function") {
    value = (headers as Headers).get(name);
  } else {
    const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
    value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  }
  const text = (typeof value === "string" ? value : value?.join(", "))?.trim();
  return text ? text : undefined;
}
