// Runs the commands a release and a consumer would run, and finds the repository's files.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoDir = fileURLToPath(new URL("../../../../", import.meta.url));
export const publishedPackages = ["types", "client", "webhooks", "fake"] as const;
export type PublishedPackage = (typeof publishedPackages)[number];
export const packageDir = (name: PublishedPackage) => `${repoDir}packages/${name}`;

export interface CommandResult {
  status: number;
  output: string;
}

/** Runs a command to its end; never throws, so a test can show the output of what failed. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ status, output: `$ ${command} ${args.join(" ")}\n${stdout}\n${stderr}` });
    });
  });
}

/** pnpm as it runs this test (npm_execpath when pnpm started us), else the one on PATH. */
export function pnpm(args: string[], cwd: string): Promise<CommandResult> {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath) && /\.c?js$/.test(execPath)) return run(process.execPath, [execPath, ...args], { cwd });
  return run("pnpm", args, { cwd });
}

/** Throws with the command's output unless it succeeded. */
export function expectSuccess(result: CommandResult): CommandResult {
  if (result.status !== 0) throw new Error(`command failed (exit ${result.status}):\n${result.output}`);
  return result;
}
