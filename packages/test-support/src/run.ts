// Runs a command to its end and hands back what it printed. Never throws, so that a test can show
// the output of what failed; `expectSuccess` turns a failure into an error carrying that output.
import { execFile } from "node:child_process";

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
        resolve({ status, stdout, stderr, output: `$ ${[command, ...args].join(" ")}\n${stdout}\n${stderr}` });
      },
    );
  });
}

/** A Node script with the Node running the tests. */
export function runNode(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, args, options);
}

/** pnpm as it runs these tests (npm_execpath when pnpm started them), else the one on PATH. */
export function runPnpm(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath) && /\.c?js$/.test(execPath)) return run(process.execPath, [execPath, ...args], options);
  return run("pnpm", args, options);
}

/** The result, or an error with the command's output when it did not exit 0. */
export function expectSuccess(result: RunResult): RunResult {
  if (result.status !== 0) throw new Error(`command failed (exit ${result.status}):\n${result.output}`);
  return result;
}
