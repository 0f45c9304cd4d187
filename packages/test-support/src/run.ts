// Runs a command to its end and hands back what it printed. Never throws, so that a test can show
// the output of what failed; `expectSuccess` turns a failure into an error carrying that output.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface RunOptions {
  cwd?: string;
  /** The whole environment of the command (the test's own when omitted). */
  env?: NodeJS.ProcessEnv;
  /** Kills the command after this long; its status is then null. */
  timeoutMs?: number;
}

export interface RunResult {
  /** The exit code; null when a signal (or the timeout) ended it. */
  status: number | null;
  stdout: string;
  stderr: string;
  /** The command line, stdout and stderr together, for assertion messages. */
  output: string;
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 0 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        const status = error ? (typeof code === "number" ? code : null) : 0;
        // A command that never started (ENOENT, EACCES) says so, rather than `exit null` and no output.
        const notStarted = typeof code === "string" ? `could not start ${command}: ${error?.message}\n` : "";
        const killed = error && status === null && !notStarted ? `ended by ${(error as { signal?: string }).signal ?? "a signal"}${options.timeoutMs ? ` (timeout ${options.timeoutMs} ms)` : ""}\n` : "";
        resolve({ status, stdout, stderr: notStarted + killed + stderr, output: `$ ${[command, ...args].join(" ")}\n${stdout}\n${notStarted}${killed}${stderr}` });
      },
    );
  });
}

/** A Node script with the Node running the tests. */
export function runNode(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, args, options);
}

const repoDir = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * pnpm as the README starts it: `npx --yes pnpm@<version>`, the version pinned in the root
 * package.json's packageManager. Never a `pnpm` looked up on PATH, which a machine with only Node
 * and npm does not have. (npx is npm's, which such a machine has; pnpm is not a dependency of the
 * repository: npx would take a copy in node_modules for its own and fail to start it.)
 */
export function pnpmCommand(): { command: string; args: string[] } {
  const { packageManager } = JSON.parse(readFileSync(join(repoDir, "package.json"), "utf8")) as { packageManager: string };
  const version = /^pnpm@([^+]+)/.exec(packageManager)?.[1];
  if (!version) throw new Error(`the root package.json's packageManager is not a pinned pnpm: ${packageManager}`);
  return { command: "npx", args: ["--yes", `pnpm@${version}`] };
}

/** `pnpm <args>` with the repository's own pnpm. */
export function runPnpm(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const pnpm = pnpmCommand();
  return run(pnpm.command, [...pnpm.args, ...args], options);
}

/** The result, or an error with the command's output when it did not exit 0. */
export function expectSuccess(result: RunResult): RunResult {
  if (result.status !== 0) throw new Error(`command failed (exit ${result.status}):\n${result.output}`);
  return result;
}
