// The OAuth endpoint's generated types are fresh: generating again from spec/oauth/openapi.yaml
// gives the committed src/oauth.gen.ts byte for byte.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

it("src/oauth.gen.ts is what `pnpm generate` makes from spec/oauth/openapi.yaml", () => {
  const scratch = mkdtempSync(join(tmpdir(), "fleet-gen-"));
  try {
    const out = join(scratch, "oauth.gen.ts");
    execFileSync(process.execPath, [join(packageDir, "scripts/generate.mjs"), "--out", out], { stdio: "pipe" });
    const committed = readFileSync(join(packageDir, "src/oauth.gen.ts"), "utf8");
    expect(committed.startsWith("/**\n * GENERATED FILE - DO NOT EDIT.")).toBe(true);
    expect(readFileSync(out, "utf8"), "run `pnpm --filter @conversations-api/fleet generate` and commit src/oauth.gen.ts").toBe(committed);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
