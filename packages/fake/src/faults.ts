// Fault injection: a rule makes matching calls fail (a status), slow (latency), or lose their
// connection (before the fake acts on the request, or after). Rules pick their calls by
// operation, by call number, by a budget, and by a seeded probability.

export interface FaultRule {
  /** operationId(s) the rule applies to; every operation when omitted. */
  operation?: string | string[];
  /** Answer this status instead (the spec's error body for it, or `body`). 429 gets rate-limit headers. */
  status?: number;
  /** The body to answer with `status` (JSON). */
  body?: unknown;
  /** Extra response headers with `status`. */
  headers?: Record<string, string>;
  /** Seconds in the Retry-After of a 429; default: the burst window. */
  retryAfter?: number;
  /** Wait this long before answering (or failing). */
  latencyMs?: number;
  /**
   * Drop the connection: "before" the fake acts on the request, or "after" it did (the state
   * changed, the answer is lost). Over HTTP the socket is destroyed; in process, `fetch` rejects
   * with a TypeError as undici's does.
   */
  reset?: "before" | "after";
  /** Only these calls (1-based, counted per rule from when it was added among the calls it matches). */
  nth?: number | number[];
  /** At most this many times; unlimited when omitted. */
  times?: number;
  /** The chance (0..1) that a matching call is hit, drawn from the fake's seeded generator. */
  probability?: number;
}

export interface ActiveFault {
  readonly rule: Readonly<FaultRule>;
  /** Calls this rule has hit. */
  readonly hits: number;
  /** Calls this rule has matched (hit or not). */
  readonly calls: number;
  remove(): void;
}

export interface Faults {
  add(rule: FaultRule): ActiveFault;
  clear(): void;
  readonly active: readonly ActiveFault[];
}

export class FaultRuleError extends TypeError {
  override name = "FaultRuleError";
}

interface RuleState extends ActiveFault {
  hits: number;
  calls: number;
}

function check(rule: FaultRule): void {
  const effects = [rule.status, rule.latencyMs, rule.reset].filter((effect) => effect !== undefined);
  if (effects.length === 0) throw new FaultRuleError("a fault rule needs status, latencyMs or reset");
  if (rule.status !== undefined && rule.reset !== undefined) throw new FaultRuleError("a fault rule cannot both answer a status and reset the connection");
  if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599)) throw new FaultRuleError(`status ${rule.status} is not an HTTP status`);
  if (rule.latencyMs !== undefined && !(rule.latencyMs >= 0)) throw new FaultRuleError(`latencyMs ${rule.latencyMs} is not a positive number`);
  if (rule.reset !== undefined && rule.reset !== "before" && rule.reset !== "after") throw new FaultRuleError(`reset must be "before" or "after"`);
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) throw new FaultRuleError(`probability ${rule.probability} is not in 0..1`);
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) throw new FaultRuleError(`times ${rule.times} is not a whole number`);
  for (const n of [rule.nth ?? []].flat()) if (!(Number.isInteger(n) && n >= 1)) throw new FaultRuleError(`nth ${n} is not a call number (1, 2, ...)`);
}

export interface FaultEngine extends Faults {
  /** The rules that hit this call of `operationId`, in the order they were added. */
  hit(operationId: string): FaultRule[];
}

export function createFaults(chance: () => number): FaultEngine {
  const rules: RuleState[] = [];
  return {
    get active() {
      return [...rules];
    },
    add(rule) {
      check(rule);
      const state: RuleState = {
        rule: Object.freeze({ ...rule }),
        hits: 0,
        calls: 0,
        remove: () => {
          const index = rules.indexOf(state);
          if (index >= 0) rules.splice(index, 1);
        },
      };
      rules.push(state);
      return state;
    },
    clear() {
      rules.length = 0;
    },
    hit(operationId) {
      const hit: FaultRule[] = [];
      for (const state of rules) {
        const { rule } = state;
        if (rule.operation !== undefined && ![rule.operation].flat().includes(operationId)) continue;
        state.calls += 1;
        if (rule.nth !== undefined && ![rule.nth].flat().includes(state.calls)) continue;
        if (rule.times !== undefined && state.hits >= rule.times) continue;
        if (rule.probability !== undefined && chance() >= rule.probability) continue;
        state.hits += 1;
        hit.push(rule);
      }
      return hit;
    },
  };
}

/** Marks answers that stand for a dropped connection; the transport turns them into one. */
const connectionResets = new WeakSet<Response>();

export function connectionReset(): Response {
  const response = new Response(null, { status: 599 });
  connectionResets.add(response);
  return response;
}

export const isConnectionReset = (response: Response) => connectionResets.has(response);

/** What undici's fetch rejects with when the server drops the connection. */
export function connectionResetError(): TypeError {
  const cause = Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET" });
  return new TypeError("fetch failed", { cause });
}
