// The webhook verifier's memory of `webhookId`s already accepted: the vendor's replay protection
// is to reject an id seen before. One process can keep them in memory; a fleet behind a load
// balancer must share them (`redisReplayStore`), or each worker accepts the replay another saw.

export interface ReplayStore {
  /** Records `id` for `ttlMs`; true when it was not recorded yet (the delivery is new). Atomic. */
  markIfNew(id: string, ttlMs: number): Promise<boolean>;
}

/** Ids in this process only, forgotten after their ttl. */
export function memoryReplayStore(): ReplayStore {
  const seen = new Map<string, number>(); // id -> expires at (ms); insertion order is expiry order for one ttl
  return {
    async markIfNew(id, ttlMs) {
      const now = Date.now();
      for (const [old, expiresAt] of seen) {
        if (expiresAt > now) break;
        seen.delete(old);
      }
      const expiresAt = seen.get(id);
      if (expiresAt !== undefined && expiresAt > now) return false;
      seen.delete(id);
      seen.set(id, now + ttlMs);
      return true;
    },
  };
}
