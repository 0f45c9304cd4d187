// Starts and stops Prism as a child process. Prism runs as `node <prism-cli>` directly:
// killing a `pnpm exec` wrapper would leave Prism running, so we hold Prism's own PID.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { findFreePort, waitForPort } from "./ports.js";

const require = createRequire(import.meta.url);

/** The bundled spec (`pnpm generate` writes it into @conversations-api/types): the one spec artifact. */
export const defaultSpecPath = require.resolve("@conversations-api/types/openapi.json");

export interface MockOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** The OpenAPI file to serve; the bundled spec when omitted. */
  specPath?: string;
  /** Prism's log level; "silent" unless told otherwise (logging halves throughput). */
  logLevel?: "silent" | "error" | "warn" | "info" | "debug";
  /** Milliseconds to wait for Prism to answer before giving up. */
  startTimeoutMs?: number;
}

export interface RunningMock {
  /** Base URL of the mock, e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  pid: number;
  /** Stops Prism by its PID and waits for it to exit. */
  stop(): Promise<void>;
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const specPath = options.specPath ?? defaultSpecPath;
  const logLevel = options.logLevel ?? "silent";
  return startPrism(["mock", specPath], { port: options.port, logLevel, startTimeoutMs: options.startTimeoutMs, what: `serve ${specPath}` });
}

export interface PrismProcessOptions {
  port?: number | undefined;
  logLevel: NonNullable<MockOptions["logLevel"]>;
  startTimeoutMs?: number | undefined;
  /** For error messages: what Prism was started to do. */
  what: string;
  /** Gets Prism's standard output instead of the caller's terminal (the proxy reads its violations there). */
  onOutput?: (chunk: string) => void;
}

/**
 * Prism (`mock`, `proxy`, ... and their arguments) on 127.0.0.1, a free port unless told, as
 * `node <prism-cli>`: ready once the port answers; `stop()` ends it by its PID. The one way this
 * repository starts Prism (the mock, `startMock`, and the validating proxy, `startProxy`).
 */
export async function startPrism(args: string[], options: PrismProcessOptions): Promise<RunningMock> {
  const port = options.port ?? (await findFreePort());
  const prismEntry = require.resolve("@stoplight/prism-cli/dist/index.js");
  const { logLevel } = options;
  const child = spawn(
    process.execPath,
    [prismEntry, ...args, "--host", "127.0.0.1", "--port", String(port), "-v", logLevel],
    {
      // Prism prints its "Starting Prism" banner even when silent: keep it out of the caller's output.
      stdio: ["ignore", options.onOutput ? "pipe" : logLevel === "silent" ? "ignore" : "inherit", "pipe"],
      env: { ...process.env, SCARF_ANALYTICS: "false" },
    },
  );
  if (options.onOutput) child.stdout?.on("data", (chunk: Buffer) => options.onOutput!(chunk.toString()));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // If whoever started Prism goes away without stopping it (a test runner that timed out a hook,
  // a crash), Prism goes too instead of holding the port.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  const ready = await Promise.race([
    waitForPort(port, options.startTimeoutMs ?? 20_000).then(() => true),
    exited.then(() => false),
  ]).catch(async (error: unknown) => {
    // Not ready in time: stop it rather than leave it holding the port and the caller's process.
    await stopChild(child, exited);
    throw new Error(`Prism did not ${options.what} on port ${port}: ${error instanceof Error ? error.message : error}\n${stderr}`);
  });
  if (!ready) {
    throw new Error(`Prism exited before it could ${options.what} on port ${port}:\n${stderr}`);
  }
  if (child.pid === undefined) throw new Error("Prism started without a PID");

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timeout = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timeout);
}
