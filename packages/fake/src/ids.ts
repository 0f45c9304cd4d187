// Deterministic ids and chance: one seeded generator per fake, so the same test makes the same
// ids and hits the same probabilistic faults on every run.
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

// The vendor's ids are 20 characters of [0-9A-Za-z], e.g. "tDtDnQdgm2LXpyiqYvZ6".
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export interface RandomSource {
  /** A new id in the vendor's 20-character style. */
  id(): string;
  /** A UUID-shaped id (upload ids). */
  uuid(): string;
  /** A number in [0, 1). */
  chance(): number;
}

export function createRandom(seed: number): RandomSource {
  const generator = xoroshiro128plus(seed);
  const int = (from: number, to: number) => uniformInt(generator, from, to);
  const hex = (length: number) => Array.from({ length }, () => int(0, 15).toString(16)).join("");
  return {
    id: () => Array.from({ length: 20 }, () => ALPHABET[int(0, ALPHABET.length - 1)]).join(""),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(0, 3)]}${hex(3)}-${hex(12)}`,
    chance: () => uniformFloat64(generator),
  };
}
