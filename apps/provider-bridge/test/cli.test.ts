// The example as its users run it: `pnpm start` runs the demo against the fake (in process, over
// HTTP): an SMS through the provider reported delivered, the contact's answer added; then it exits.
import { fileURLToPath } from "node:url";
import { runNode } from "@test/support";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

describe("provider-bridge start", () => {
  it("runs the demo against the fake: the text to the carrier, delivered reported, the answer added, then exits 0", async () => {
    const { status, stdout, stderr } = await runNode([cli], { timeoutMs: 30_000 });
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/carrier: "Your order is ready for pickup\." to \+15550102020 \(reference \w+\)/);
    expect(stdout).toMatch(/bridge: status delivered of \w+ reported/);
    expect(stdout).toContain("its status in HighLevel (the fake): delivered");
    expect(stdout).toContain("the carrier's webhook was answered 200");
    expect(stdout).toMatch(/Delivery URL http:\/\/127\.0\.0\.1:\d+\/highlevel\/deliveries\/<secret>/);
  });
});
