// Where a fleet keeps each location's tokens. A refresh token is single-use and its successor
// comes back only once, so every worker must read and write the same record: the in-process store
// serves one process, `redisTokenStore` a fleet.

/** One location's (or company's) tokens. */
export interface TokenRecord {
  accessToken: string;
  /** The refresh token that the next refresh spends. */
  refreshToken: string;
  /** When the access token expires, in ms since the epoch. */
  expiresAt: number;
  userType?: string | undefined;
  locationId?: string | undefined;
  companyId?: string | undefined;
  scope?: string | undefined;
  userId?: string | undefined;
}

export interface TokenStore {
  read(key: string): Promise<TokenRecord | undefined>;
  write(key: string, record: TokenRecord): Promise<void>;
}

/** Checks a record read back from a store, so a corrupt entry fails here and not at the API. */
export function isTokenRecord(value: unknown): value is TokenRecord {
  const record = value as Partial<TokenRecord> | null;
  return (
    typeof record === "object" &&
    record !== null &&
    typeof record.accessToken === "string" &&
    typeof record.refreshToken === "string" &&
    typeof record.expiresAt === "number"
  );
}

/** Tokens in this process only (the default). The records are private: inspecting the store shows none. */
export class MemoryTokenStore implements TokenStore {
  readonly #records = new Map<string, TokenRecord>();

  async read(key: string): Promise<TokenRecord | undefined> {
    const record = this.#records.get(key);
    return record && { ...record };
  }

  async write(key: string, record: TokenRecord): Promise<void> {
    this.#records.set(key, { ...record });
  }
}

export const memoryTokenStore = (): TokenStore => new MemoryTokenStore();
