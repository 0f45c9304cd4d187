// Where accepted webhookIds are remembered. The interface is one atomic step, "claim this id if it
// is new", so that two deliveries of the same id racing each other cannot both pass; a shared store
// (Redis: SET id 1 NX PXAT expiresAt) gives the same guarantee across processes.

export interface ReplayStore {
  /**
   * Records `webhookId` until `expiresAt` (epoch milliseconds) if it is not recorded yet, atomically.
   * Resolves true when this call recorded it (a first delivery), false when it was already there.
   */
  claim(webhookId: string, expiresAt: number): Promise<boolean>;
  /**
   * Forgets `webhookId`, so that a redelivery is accepted: the adapters call it when the handler
   * failed, so that the event is not lost.
   */
  release(webhookId: string): Promise<void>;
}

export interface MemoryReplayStoreOptions {
  /** At most this many ids are kept; past it, the oldest go first. Default 100 000. */
  maxEntries?: number;
  /** The store's clock (epoch milliseconds), to tell expired ids; default Date.now. */
  now?: () => number;
}

/**
 * The default store: one process's memory, bounded by age (each id until its `expiresAt`) and by
 * size (`maxEntries`, the oldest evicted first). Several processes or instances behind a load
 * balancer need a shared store instead.
 */
export class MemoryReplayStore implements ReplayStore {
  // Insertion order is (close to) expiry order, so expired ids are found at the front.
  readonly #expiries = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: MemoryReplayStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    if (!(this.#maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1, not ${this.#maxEntries}`);
    this.#now = options.now ?? Date.now;
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.#expiries.size;
  }

  claim(webhookId: string, expiresAt: number): Promise<boolean> {
    const now = this.#now();
    this.#sweep(now);
    const known = this.#expiries.get(webhookId);
    if (known !== undefined && known > now) return Promise.resolve(false);
    this.#expiries.delete(webhookId);
    while (this.#expiries.size >= this.#maxEntries) this.#expiries.delete(this.#expiries.keys().next().value as string);
    this.#expiries.set(webhookId, expiresAt);
    return Promise.resolve(true);
  }

  release(webhookId: string): Promise<void> {
    this.#expiries.delete(webhookId);
    return Promise.resolve();
  }

  #sweep(now: number): void {
    for (const [webhookId, expiresAt] of this.#expiries) {
      if (expiresAt > now) return;
      this.#expiries.delete(webhookId);
    }
  }
}

let sharedStore: MemoryReplayStore | undefined;

/** The store `unwrap` uses when given none: one per process, created on first use. */
export function defaultReplayStore(): MemoryReplayStore {
  sharedStore ??= new MemoryReplayStore();
  return sharedStore;
}
