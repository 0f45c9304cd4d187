#!/usr/bin/env node
// `pnpm --filter @example/provider-bridge start`: the demo against the fake (src/demo.ts). To run the
// bridge for real, copy src/ and start it with your carrier (README).
import { runDemo } from "./demo.js";

const { status, replyAdded } = await runDemo();
process.exitCode = status === "delivered" && replyAdded ? 0 : 1;
