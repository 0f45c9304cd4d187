// A seeded, deterministic inbox for the fake: `conversations` conversations of one location, each
// with a contact and a few SMS both ways, about 40% of them unread. `--fake --fake-conversations N`
// serves it beside the example data; the code-mode benchmark runs its task on it.
import type { Fixtures } from "@conversations-api/fake";

export const DEMO_LOCATION_ID = "DEMOLoc0000000000001";

const firstNames = ["Ana", "Ben", "Chloe", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kai", "Lena", "Mia", "Noah", "Omar", "Pia"];
const lastNames = ["Silva", "Okafor", "Martin", "Kowalski", "Nguyen", "Haddad", "Rossi", "Berg", "Tanaka", "Moreau", "Ivanova", "Lopez"];
const inbound = [
  "Hi, is my appointment still on for Thursday?",
  "Can I move my booking to next week?",
  "What time do you open on Saturday?",
  "I was charged twice, can you check?",
  "Thanks, see you then!",
  "Do you have parking nearby?",
  "Please cancel my order, I found another option.",
  "Is the price in the quote final?",
];
const outbound = ["Thanks for reaching out!", "Yes, that works.", "Let me check and get back to you.", "Your booking is confirmed."];

/** mulberry32: a small seeded generator, so every run builds the same inbox. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(20 - prefix.length, "0")}`;

export function demoInbox({ conversations, seed = 42, locationId = DEMO_LOCATION_ID }: { conversations: number; seed?: number; locationId?: string }): Fixtures {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const fixtures: Required<Pick<Fixtures, "contacts" | "conversations" | "messages">> = { contacts: [], conversations: [], messages: [] };
  const start = Date.UTC(2026, 10, 1);
  for (let n = 1; n <= conversations; n++) {
    const contactId = id("DEMOCt", n);
    const conversationId = id("DEMOCv", n);
    const name = `${pick(firstNames)} ${pick(lastNames)}`;
    fixtures.contacts.push({ id: contactId, locationId, fullName: name, email: `${name.toLowerCase().replace(" ", ".")}@example.com`, phone: `+1555${String(1_000_000 + n).slice(1)}` });
    const count = 3 + Math.floor(random() * 6);
    const unread = random() < 0.4;
    let time = start + n * 3_600_000;
    // An unread conversation ends with one to three inbound messages (its unread count); a read one
    // with a reply. Before that, the two sides take turns.
    const unreadCount = unread ? Math.min(count, 1 + (n % 3)) : 0;
    for (let m = 1; m <= count; m++) {
      time += 60_000 + Math.floor(random() * 3_600_000);
      const tail = count - m;
      const direction: "inbound" | "outbound" = unread && tail < unreadCount ? "inbound" : !unread && tail === 0 ? "outbound" : m % 2 ? "inbound" : "outbound";
      fixtures.messages.push({
        id: id(`DEMOM${n}x`, m),
        conversationId,
        direction,
        body: direction === "inbound" ? pick(inbound) : pick(outbound),
        dateAdded: new Date(time).toISOString(),
      });
    }
    fixtures.conversations.push({ id: conversationId, locationId, contactId, unreadCount, dateAdded: new Date(start + n * 3_600_000).toISOString() });
  }
  return fixtures;
}
