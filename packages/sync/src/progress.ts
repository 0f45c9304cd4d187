// The backfill's progress for people (one line redrawn on a terminal, a line per update otherwise)
// and for machines (`--json`: one JSON object per line).
import type { Progress } from "./pass.js";

export interface ProgressWriter {
  (progress: Progress): void;
  /** Ends the redrawn line. */
  done(): void;
}

const duration = (ms: number | null) => {
  if (ms === null || !Number.isFinite(ms)) return "?";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
};

const ofTotal = ({ done, total }: { done: number; total: number | null }) => (total === null ? `${done}` : `${done}/${total}`);

export function formatProgress(progress: Progress): string {
  const { budget } = progress;
  const limit = budget.max !== null ? `, ${budget.remaining ?? "?"}/${budget.max} left in window` : "";
  const share = budget.share !== null ? `share ${Math.round(budget.share * 100)}%` : "shared budget";
  return (
    `${progress.pass} pass, ${progress.phase}: conversations ${ofTotal(progress.conversations)}, messages ${ofTotal(progress.messages)}` +
    ` | ${progress.rowsPerSecond.toFixed(1)} rows/s, ${duration(progress.elapsedMs)} elapsed, ${duration(progress.etaMs)} left` +
    ` | budget: ${share}, ${budget.requests} requests, ${duration(budget.waitedMs)} waited${limit}`
  );
}

export function progressWriter(stream: NodeJS.WritableStream & { isTTY?: boolean }, { json = false } = {}): ProgressWriter {
  let redrawn = false;
  const write = ((progress: Progress) => {
    if (json) {
      stream.write(`${JSON.stringify(progress)}\n`);
      return;
    }
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${formatProgress(progress)}`);
      redrawn = true;
    } else stream.write(`${formatProgress(progress)}\n`);
  }) as ProgressWriter;
  write.done = () => {
    if (redrawn) stream.write("\n");
    redrawn = false;
  };
  return write;
}
