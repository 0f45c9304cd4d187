// One refresh per location at a time. A refresh spends the refresh token, so two workers refreshing
// together leave one of them with `invalid_grant`: the lock lets one refresh while the others wait
// for its result. It expires by itself, so a worker that dies while holding it blocks nobody for
// longer than `ttlMs`.

export interface HeldLock {
  /** Frees the lock if it is still ours (an expired lock taken by another worker is left alone). */
  release(): Promise<void>;
}

export interface RefreshLock {
  /** Takes the lock of `key` for `ttlMs`, or resolves undefined when another holder has it. */
  acquire(key: string, ttlMs: number): Promise<HeldLock | undefined>;
}

/** A lock within this process (the default). */
export function memoryRefreshLock(): RefreshLock {
  const held = new Map<string, { owner: symbol; expiresAt: number }>();
  return {
    async acquire(key, ttlMs) {
      const current = held.get(key);
      if (current && current.expiresAt > Date.now()) return undefined;
      const owner = Symbol(key);
      held.set(key, { owner, expiresAt: Date.now() + ttlMs });
      return {
        async release() {
          if (held.get(key)?.owner === owner) held.delete(key);
        },
      };
    },
  };
}
