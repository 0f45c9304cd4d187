// A real Redis for tests and benchmarks (`@test/support/redis`): Debian's redis-server on a free
// 127.0.0.1 port, without persistence (`--save '' --appendonly no`), answering PING before the
// caller goes on, stopped by its PID. A missing or failing redis-server fails with a message that
// says how to get one (it never skips). The one way this repository starts Redis.
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { findFreePort } from "./ports.js";

export interface RunningRedis {
  port: number;
  url: string;
  pid: number;
  /** Stops it (SIGTERM, then SIGKILL) and waits for the process to exit. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

const INSTALL_HINT = "install it with `apt-get update && apt-get install -y redis-server` (.ci/run does this in CI), or set REDIS_SERVER_PATH";

export async function startRedis({ timeoutMs = 10_000 } = {}): Promise<RunningRedis> {
  const binary = process.env.REDIS_SERVER_PATH ?? "redis-server";
  let lastError = "";
  // A free port can be taken between asking and binding: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await findFreePort();
    const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    const outcome = await Promise.race([
      waitForPing(port, timeoutMs).then(
        () => "ready" as const,
        (error: Error) => error.message,
      ),
      spawnError,
      exited.then((code) => `redis-server exited with ${code}`),
    ]);
    if (outcome === "ready") return running(child, port);
    if (outcome instanceof Error) {
      const missing = (outcome as NodeJS.ErrnoException).code === "ENOENT";
      throw new Error(missing ? `redis-server is not installed (${binary} not found): ${INSTALL_HINT}` : `redis-server could not start: ${outcome.message}`);
    }
    child.kill("SIGKILL");
    lastError = `${outcome}\n${output.trim().split("\n").slice(-5).join("\n")}`;
  }
  throw new Error(`redis-server could not start on 127.0.0.1: ${lastError}\n${INSTALL_HINT}`);
}

function running(child: ChildProcess, port: number): RunningRedis {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
    const timer = setTimeout(() => child.exitCode === null && child.signalCode === null && process.kill(child.pid!, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
  };
}

/** Resolves once the server answers PING with PONG (RESP, no client library needed). */
async function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not answer PING on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk;
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG"));
    });
    socket.once("error", () => done(false));
  });
}
