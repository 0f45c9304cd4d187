// A deterministic location for the fake: the same conversations, contacts and messages for the
// same seed and size, dated in 2026's first months (the past, whatever the clock says).
import type { Fixtures } from "@conversations-api/fake";

export const LOCATION_ID = "loc0sync0000000000001";

/** mulberry32: a small seeded generator, so a run can be reproduced from its seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

const BASE = Date.parse("2026-01-01T00:00:00.000Z");
const SPAN = 90 * 24 * 60 * 60 * 1000;
const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Niklaus"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Wirth"];
const CHANNELS = ["TYPE_SMS", "TYPE_SMS", "TYPE_SMS", "TYPE_WHATSAPP", "TYPE_FACEBOOK", "TYPE_EMAIL", "TYPE_CALL"] as const;

export interface LocationSize {
  conversations: number;
  messages: number;
  seed?: number;
}

export const conversationId = (i: number) => `conv${String(i).padStart(16, "0")}`;
export const contactId = (i: number) => `cont${String(i).padStart(16, "0")}`;

export function seededLocation({ conversations, messages, seed = 1 }: LocationSize): Fixtures {
  const random = seededRandom(seed);
  const fixtures: Required<Pick<Fixtures, "contacts" | "conversations" | "messages">> = { contacts: [], conversations: [], messages: [] };
  for (let i = 0; i < conversations; i++) {
    const fullName = `${random.pick(FIRST)} ${random.pick(LAST)}`;
    fixtures.contacts.push({
      id: contactId(i),
      locationId: LOCATION_ID,
      fullName,
      email: `${fullName.toLowerCase().replace(" ", ".")}.${i}@example.com`,
      phone: `+1555${String(1_000_000 + i).slice(-7)}`,
    });
    fixtures.conversations.push({ id: conversationId(i), locationId: LOCATION_ID, contactId: contactId(i), dateAdded: BASE + random.int(SPAN / 4) });
  }
  for (let j = 0; j < messages; j++) {
    const conversation = random.int(conversations);
    const messageType = random.pick(CHANNELS);
    const direction = random.next() < 0.5 ? "inbound" : "outbound";
    fixtures.messages.push({
      id: `msg${String(j).padStart(17, "0")}`,
      conversationId: conversationId(conversation),
      direction,
      messageType,
      body: `message ${j} ${random.int(1_000_000).toString(36)}`,
      dateAdded: BASE + SPAN / 4 + random.int((SPAN * 3) / 4),
      ...(direction === "outbound" ? { source: random.pick(["app", "workflow", "api"] as const) } : {}),
      ...(messageType === "TYPE_EMAIL" ? { email: { subject: `Subject ${j}`, from: "shop@example.com", to: [`contact${conversation}@example.com`] } } : {}),
      ...(messageType === "TYPE_CALL" ? { callDuration: random.int(600), callStatus: "completed" } : {}),
    });
  }
  // Unread counts as an inbox has them: most conversations read.
  for (const conversation of fixtures.conversations) if (random.next() < 0.7) conversation.unreadCount = 0;
  return fixtures;
}
