// The order the workspace's one run starts its test files in: longest first across every project,
// so that the slow files (a child process SIGKILLed and restarted, npm installs, optic, Prism) start
// while there is still work to overlap them with. Vitest's own order runs the projects one after
// another by name, so a slow file of a project late in the alphabet started near the end and
// stretched the run. Longest is the duration vitest cached from an earlier run when it has one for
// every file (a developer's machine), else the file's size (a fresh clone, CI).
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const key = (file: TestSpecification) => `${file.project.name}:${relative(config.root, file.moduleId)}`;
    const durations = files.map((file) => cache.getFileTestResults(key(file))?.duration);
    const byDuration = durations.every((duration) => duration !== undefined);
    const weight = new Map(files.map((file, i) => [file, byDuration ? durations[i]! : (cache.getFileStats(key(file))?.size ?? 0)]));
    return [...files].sort(
      (a, b) => a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder || weight.get(b)! - weight.get(a)!,
    );
  }
}
