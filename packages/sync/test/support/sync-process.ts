// The CLI as a child process (the built dist/cli.js, run by the Node running the tests), its
// `--json` lines parsed as they come, killed by its PID.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface SyncProcess {
  readonly child: ChildProcess;
  readonly events: Array<Record<string, unknown>>;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  /** Resolves with the first event (already seen or to come) that matches. */
  waitFor(match: (event: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The exit: its code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startSyncProcess(args: string[], env: Record<string, string> = {}): SyncProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the package first (pnpm turbo run build --filter=@conversations-api/sync...)`);
  const child = spawn(process.execPath, [CLI, ...args, "--json"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const events: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let text = "";
  let pending = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    text += chunk;
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        events.push(JSON.parse(line));
      } catch {
        events.push({ type: "unparsed", line });
      }
    }
    for (const waiter of waiters) waiter();
  });
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return {
    child,
    events,
    output: () => text,
    exited,
    waitFor(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            done();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching event within ${timeoutMs} ms; output:\n${text.slice(-3000)}`));
        }, timeoutMs);
        const onExit = () => {
          check();
          if (waiters.has(check)) {
            done();
            reject(new Error(`the sync process exited before the event; output:\n${text.slice(-3000)}`));
          }
        };
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off("exit", onExit);
        };
        waiters.add(check);
        child.once("exit", onExit);
        check();
      });
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
      return exited;
    },
  };
}
