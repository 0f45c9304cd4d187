// Between the fake and the followers: a `webhooks.fetch` for the fake that drops deliveries
// (answers 200 and forwards nothing, as a webhook HighLevel never sends), duplicates them, holds
// them back for a random time (so later ones overtake them), and spreads them over several
// receivers (workers behind one URL). Seeded: the same choices for the same run.
import { seededRandom } from "./seeded-location.js";

export interface ChaosOptions {
  /** Receivers' URLs; deliveries go round-robin. */
  targets: () => string[];
  seed: number;
  drop?: number;
  duplicate?: number;
  /** Each delivery waits 0..maxDelayMs before it is forwarded. */
  maxDelayMs?: number;
}

export interface WebhookChaos {
  fetch(request: Request): Promise<Response>;
  readonly dropped: number;
  readonly duplicated: number;
  readonly forwarded: number;
  /** Resolves once the duplicates and held-back deliveries have all been forwarded. */
  settled(): Promise<void>;
}

export function webhookChaos(options: ChaosOptions): WebhookChaos {
  const random = seededRandom(options.seed);
  const pending = new Set<Promise<unknown>>();
  let next = 0;
  const counts = { dropped: 0, duplicated: 0, forwarded: 0 };
  const wait = () => new Promise((resolve) => setTimeout(resolve, random.int((options.maxDelayMs ?? 0) + 1)));
  const forward = async (body: string, headers: Headers) => {
    const targets = options.targets();
    const target = targets[next++ % targets.length]!;
    counts.forwarded++;
    return globalThis.fetch(target, { method: "POST", body, headers });
  };
  const track = <T>(promise: Promise<T>) => {
    pending.add(promise);
    void promise.then(
      () => pending.delete(promise),
      () => pending.delete(promise),
    );
    return promise;
  };
  return {
    async fetch(request) {
      const body = await request.text();
      const headers = new Headers(request.headers);
      if (random.next() < (options.drop ?? 0)) {
        counts.dropped++;
        return new Response("dropped", { status: 200 });
      }
      if (random.next() < (options.duplicate ?? 0)) {
        counts.duplicated++;
        const delay = random.int((options.maxDelayMs ?? 0) + 200);
        track(new Promise((resolve) => setTimeout(resolve, delay)).then(() => forward(body, headers)).catch(() => undefined));
      }
      await track(wait());
      return track(forward(body, headers));
    },
    get dropped() {
      return counts.dropped;
    },
    get duplicated() {
      return counts.duplicated;
    },
    get forwarded() {
      return counts.forwarded;
    },
    async settled() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
