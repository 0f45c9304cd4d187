// A loopback API with HighLevel's kind of rate limit: `max` requests per `intervalMs` per key (the
// path's last segment), counted over a sliding window, answered with the X-RateLimit-* headers and,
// over the limit, a 429 with Retry-After. It records when each request arrived, so a test can
// check the busiest window.
import { createServer } from "node:http";
import { listenOnLoopback } from "@test/support";

export interface LimitedApi {
  url: string;
  /** Arrival times (ms) per key. */
  arrivals: Map<string, number[]>;
  rejected: number;
  /** Daily requests left (per server), sent as X-RateLimit-Daily-Remaining. */
  dailyRemaining: number;
  close(): Promise<void>;
}

export async function startLimitedApi({ max, intervalMs }: { max: number; intervalMs: number }): Promise<LimitedApi> {
  const api = { url: "", arrivals: new Map<string, number[]>(), rejected: 0, dailyRemaining: 200_000, close: async () => {} };
  const server = createServer((request, response) => {
    const now = performance.timeOrigin + performance.now();
    const key = request.url!.split("/").pop()!;
    const arrivals = api.arrivals.get(key) ?? [];
    api.arrivals.set(key, arrivals);
    const inWindow = arrivals.filter((at) => at > now - intervalMs).length;
    arrivals.push(now);
    const over = inWindow >= max;
    if (!over) api.dailyRemaining = Math.max(0, api.dailyRemaining - 1);
    const headers = {
      "content-type": "application/json",
      "x-ratelimit-max": String(max),
      "x-ratelimit-interval-milliseconds": String(intervalMs),
      "x-ratelimit-remaining": String(Math.max(0, max - inWindow - 1)),
      "x-ratelimit-limit-daily": "200000",
      "x-ratelimit-daily-remaining": String(api.dailyRemaining),
    };
    if (over) {
      api.rejected++;
      response.writeHead(429, { ...headers, "retry-after": "1" }).end('{"statusCode":429,"message":"Too many requests"}');
    } else response.writeHead(200, headers).end('{"ok":true}');
  });
  Object.assign(api, await listenOnLoopback(server));
  return api;
}

/** The most requests any window of `intervalMs` held. */
export function busiestWindow(arrivals: number[], intervalMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= intervalMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
