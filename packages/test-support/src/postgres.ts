// A real PostgreSQL for tests and benchmarks (`@test/support/postgres`): Debian's server (15) in a
// fresh temporary data directory, on a free 127.0.0.1 port, stopped by its PID. As root it runs as
// the `postgres` user (PostgreSQL refuses to run as root). `restart()` stops it and starts it again
// on the same port and data (a database restart a client must survive); `kill()` is a crash. A
// missing or failing server fails with a message that says how to get one (it never skips).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort } from "./ports.js";

export interface RunningPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  /** The server process's PID (changes on restart). */
  readonly pid: number;
  dataDirectory: string;
  /** Fast shutdown (SIGINT), then starts it again on the same port and data. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would; `restart()` brings it back (with crash recovery). */
  kill(): Promise<void>;
  /** Stops it (fast shutdown, SIGKILL after 10 s) and removes its data directory. */
  stop(): Promise<void>;
}

const INSTALL_HINT = "install it with `apt-get update && apt-get install -y postgresql` (.ci/run does this in CI), or set POSTGRES_BIN_DIR to the directory holding initdb and postgres";

/** The newest /usr/lib/postgresql/<version>/bin, or POSTGRES_BIN_DIR. */
export function postgresBinDirectory(): string {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => join(root, version, "bin")).find((bin) => existsSync(join(bin, "postgres")));
  if (!found) throw new Error(`PostgreSQL is not installed (no ${root}/<version>/bin/postgres): ${INSTALL_HINT}`);
  return found;
}

/** As root, the uid and gid of the `postgres` user (from /etc/passwd); otherwise undefined (run as ourselves). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((entry) => entry.startsWith("postgres:"));
  if (!line) throw new Error(`running as root, and there is no postgres user to run PostgreSQL as: ${INSTALL_HINT}`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

function execute(file: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...(user ?? {}), env: { ...process.env, LC_ALL: "C" } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(" ")} failed: ${stderr || stdout || error.message}`));
      else resolve(stdout);
    });
  });
}

export async function startPostgres({ timeoutMs = 30_000 } = {}): Promise<RunningPostgres> {
  const bin = postgresBinDirectory();
  const user = serverUser();
  const root = await mkdtemp(join(tmpdir(), "test-postgres-"));
  if (user) await chown(root, user.uid, user.gid);
  const dataDirectory = join(root, "data");
  try {
    await execute(join(bin, "initdb"), ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], user);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${INSTALL_HINT}`);
  }

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let port = 0;
  let output = "";

  async function launch(): Promise<void> {
    output = "";
    const server = spawn(
      join(bin, "postgres"),
      // Tests need speed, not durability; the socket lives in the data's own directory.
      ["-D", dataDirectory, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-k", root, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      { ...(user ?? {}), stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } },
    );
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child = server;
    exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    const spawnError = new Promise<Error>((resolve) => server.once("error", resolve));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const outcome = await Promise.race([
        ready(bin, port).then((ok) => (ok ? ("ready" as const) : ("waiting" as const))),
        spawnError,
        exited.then(() => "exited" as const),
      ]);
      if (outcome === "ready") return;
      if (outcome instanceof Error) throw new Error(`postgres could not start: ${outcome.message}\n${INSTALL_HINT}`);
      if (outcome === "exited" || Date.now() > deadline) {
        if (outcome !== "exited") server.kill("SIGKILL");
        throw new Error(`postgres did not become ready on 127.0.0.1:${port}: ${output.trim().split("\n").slice(-5).join("\n")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function end(signal: NodeJS.Signals): Promise<void> {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    process.kill(server.pid!, signal);
    const timer = setTimeout(() => server.exitCode === null && server.signalCode === null && process.kill(server.pid!, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  // A free port can be taken between asking and binding: try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    port = await findFreePort();
    try {
      await launch();
      lastError = undefined;
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError) {
    await rm(root, { recursive: true, force: true });
    throw lastError;
  }

  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    get pid() {
      return child!.pid!;
    },
    dataDirectory,
    async restart({ downMs = 0 } = {}) {
      await end("SIGINT"); // fast shutdown: clients are disconnected
      if (downMs) await new Promise((resolve) => setTimeout(resolve, downMs));
      await launch();
    },
    kill: () => end("SIGKILL"),
    async stop() {
      await end("SIGINT");
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** pg_isready: accepting connections (not starting up, not shutting down). */
function ready(bin: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port), "-t", "1"], (error) => resolve(!error));
  });
}
