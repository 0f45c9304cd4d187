// The optional allow-list of locations: which locations' data the server may read or change.
// Where an argument names a location it must be listed; a conversation named by id is looked up
// first (its location, cached); and whatever an answer contains must belong to listed locations.

/** Every `locationId` string value anywhere in `value` (arguments or an answer). */
export function locationIdsIn(value: unknown, found = new Set<string>(), depth = 0): Set<string> {
  if (depth > 12 || !value || typeof value !== "object") return found;
  if (Array.isArray(value)) {
    for (const item of value) locationIdsIn(item, found, depth + 1);
    return found;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === "locationId" && typeof item === "string") found.add(item);
    else if (typeof item === "object") locationIdsIn(item, found, depth + 1);
  }
  return found;
}
