#!/usr/bin/env node
// `pnpm proxy`: Prism's validating proxy in front of the vendor's API (or --upstream), on
// 127.0.0.1 (--port, PROXY_PORT, else a free port), one line per violation, until interrupted.
import { DEFAULT_UPSTREAM, startProxy } from "./proxy.js";

const USAGE = `Usage: pnpm proxy [--upstream <url>] [--port <n>] [--errors]

Prism's proxy mode on 127.0.0.1: forwards every request to the upstream (default ${DEFAULT_UPSTREAM}),
validates the request and the answer against the bundled spec and prints one line per violation.
Point a service at it with one line: createConversationsClient({ token, baseUrl: "<the URL it prints>" }).
  --upstream <url>  the API to forward to
  --port <n>        the port (default PROXY_PORT, else a free one)
  --errors          answer a violating response with Prism's 500 listing the violations`;

function parse(argv: string[]) {
  const options: { upstream?: string; port?: number; errors?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return undefined;
    if (arg === "--errors") options.errors = true;
    else if (arg === "--upstream" || arg === "--port") {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a value`);
      if (arg === "--upstream") {
        if (!/^https?:\/\/[^/]/.test(value)) throw new Error(`--upstream must be an http(s) URL, not ${value}`);
        options.upstream = value;
      } else options.port = Number(value);
    } else throw new Error(`unknown option ${arg}`);
  }
  options.port ??= process.env.PROXY_PORT ? Number(process.env.PROXY_PORT) : undefined;
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65_536)) throw new Error("--port must be a port number");
  return options;
}

let options;
try {
  options = parse(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`proxy: ${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (!options) {
  console.log(USAGE);
  process.exit(0);
}
const proxy = await startProxy(options);
console.log(`Validating proxy (Prism) on ${proxy.url} -> ${proxy.upstream}`);
console.log(`Point a service at it: createConversationsClient({ token, baseUrl: "${proxy.url}" })`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void proxy.stop().then(() => process.exit(0));
  });
}
