// Worker processes for the "many workers" tests: `node test/workers/<name>.mjs '<json>'`, each a
// real process with its own event loop and Redis connection. A worker prints one JSON line with
// its outcome and exits.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface Worker<T> {
  child: ChildProcess;
  /** The worker's JSON outcome; rejects when it exits without one. */
  result: Promise<T>;
}

export function startWorker<T>(name: string, input: unknown): Worker<T> {
  const script = fileURLToPath(new URL(`../workers/${name}.mjs`, import.meta.url));
  const child = spawn(process.execPath, [script, JSON.stringify(input)], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
  const result = new Promise<T>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      const last = stdout.trim().split("\n").pop();
      try {
        resolve(JSON.parse(last!) as T);
      } catch {
        reject(new Error(`worker ${name} exited (${code ?? signal}) without a result\nstdout: ${stdout}\nstderr: ${stderr}`));
      }
    });
  });
  return { child, result };
}

/** A moment shortly ahead that several workers wait for, so that they start together. */
export const startTogether = (inMs = 1_500) => Date.now() + inMs;
