// The mirror's database: embedded PGlite in a directory (the default: no server), or PostgreSQL
// through `pg` when the target is a postgres:// URL (several workers then share one mirror). Both
// speak the same SQL (written for PostgreSQL 15 and the PGlite build, which reports a newer
// version), so everything above this file sees one `Database`.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { DatabaseInUseError, DatabaseUnavailableError } from "./errors.js";
import { sleep } from "@conversations-api/fleet";

export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  /** "embedded" (PGlite) or "postgres". */
  readonly kind: "embedded" | "postgres";
  /** Where it is, without credentials (for logs and `status`). */
  readonly where: string;
  /**
   * Runs `work` in one transaction, committed when it resolves. On PostgreSQL a lost connection
   * (the server restarting), a deadlock or a serialization failure (workers writing the same rows)
   * retries the whole transaction until `retryForMs` has passed: `work` must only touch the
   * database, so running it again is safe.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** How long a transaction is retried while PostgreSQL cannot be reached. Default 60 s. */
  retryForMs?: number;
  /** Connections in the pool (PostgreSQL). Default 4. */
  poolSize?: number;
}

export const DEFAULT_DATA_DIR = ".conversations-sync";

/** A postgres:// (or postgresql://) URL opens PostgreSQL; anything else is a directory for PGlite. */
export async function openDatabase(target: string = DEFAULT_DATA_DIR, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (/^postgres(ql)?:\/\//i.test(target)) return openPostgres(target, options);
  return openEmbedded(target);
}

async function openEmbedded(directory: string): Promise<Database> {
  await mkdir(directory, { recursive: true });
  const releaseLock = await lockDirectory(directory);
  let db: PGlite;
  try {
    db = await PGlite.create(directory);
  } catch (error) {
    await releaseLock();
    throw error;
  }
  return {
    kind: "embedded",
    where: directory,
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<Row>(sql, params as unknown[])).rows;
    },
    transaction: (work) => db.transaction((tx) => work({ query: async <Row>(sql: string, params: readonly unknown[] = []) => (await tx.query<Row>(sql, params as unknown[])).rows })),
    close: async () => {
      await db.close();
      await releaseLock();
    },
  };
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A lock file holds the owner's pid; one left by a process that died (SIGKILL) is taken over.
 */
async function lockDirectory(directory: string): Promise<() => Promise<void>> {
  const path = join(directory, "sync.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: "wx" });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number((await readFile(path, "utf8").catch(() => "")).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseInUseError(`the embedded database in ${directory} is open in process ${owner}; stop it first, or use PostgreSQL (--database postgres://...) to share a mirror between processes`);
      }
      await rm(path, { force: true });
    }
  }
  throw new DatabaseInUseError(`could not lock the embedded database in ${directory}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Errors after which the same transaction may succeed on a new connection: the server went away or is starting. */
export function isConnectionLost(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND"].includes(code)) return true;
    // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, class 08 connection exceptions.
    if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") return true;
  }
  return typeof message === "string" && /Connection terminated|connection is closed|Client has encountered a connection error|terminating connection/i.test(message);
}

/** A deadlock or serialization failure between workers: the transaction may simply run again. */
export function isTransactionConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001";
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparseable URL)";
  }
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
  const retryForMs = options.retryForMs ?? 60_000;
  // bigint columns hold epoch milliseconds: well within a double, so read them as numbers.
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 20 ? Number : (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format)) };
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4, connectionTimeoutMillis: 5_000, types: types as never });
  // An idle connection dropped by a restarting server is reported here; the next query reconnects.
  pool.on("error", () => {});
  const where = redactUrl(url);

  async function withRetry<T>(attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const deadline = Date.now() + retryForMs;
    for (let wait = 100; ; wait = Math.min(wait * 2, 2_000)) {
      try {
        return await attempt();
      } catch (error) {
        if (!isConnectionLost(error) && !isTransactionConflict(error)) throw error;
        if (Date.now() + wait > deadline) throw new DatabaseUnavailableError(`PostgreSQL at ${where} was unreachable for ${retryForMs} ms`, { cause: error });
        await sleep(wait, signal);
      }
    }
  }

  return {
    kind: "postgres",
    where,
    query: <Row>(sql: string, params: readonly unknown[] = []) => withRetry(async () => (await pool.query(sql, params as unknown[])).rows as Row[]),
    transaction: (work, { signal } = {}) =>
      withRetry(async () => {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query("BEGIN");
          const result = await work({ query: async <Row>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, params as unknown[])).rows as Row[] });
          await client.query("COMMIT");
          return result;
        } catch (error) {
          broken = isConnectionLost(error);
          if (!broken) await client.query("ROLLBACK").catch(() => {});
          throw error;
        } finally {
          // A connection that failed is not given back to the pool.
          client.release(broken);
        }
      }, signal),
    close: () => pool.end(),
  };
}
