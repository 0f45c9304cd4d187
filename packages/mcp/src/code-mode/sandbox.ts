// Runs a snippet in QuickJS compiled to WebAssembly (quickjs-emscripten): a separate JavaScript
// engine with its own heap, no network, filesystem, process, modules or timers; the only way out is
// the one host function the caller gives (`__bridge`). A fresh runtime per run, with a memory limit,
// a stack limit and an interrupt handler for the wall time.
//
// The sync WebAssembly build with promises rather than the asyncify build: a host call returns a
// QuickJS promise that the host settles when its work is done, so the guest can run host calls
// side by side (Promise.all), and a run never holds the module suspended.
import { newQuickJSWASMModule, type QuickJSContext, type QuickJSDeferredPromise, type QuickJSHandle, type QuickJSWASMModule } from "quickjs-emscripten";
import { GUEST_PRELUDE } from "./guest-prelude.js";
import type { CodeLimits, LimitName } from "./limits.js";

/** The host side of `__bridge(kind, payloadJson)`: resolves to a JSON string, or rejects with a message for the guest. */
export type BridgeHandler = (kind: string, payload: unknown) => Promise<string>;

export type SandboxOutcome =
  | { ok: true; json: string }
  | { ok: false; limit?: LimitName; message: string };

const STACK_BYTES = 256 * 1024; // below Node's own stack: the guest's overflow is QuickJS's error, not the host's

let module: Promise<QuickJSWASMModule> | undefined;

function quickjs(): Promise<QuickJSWASMModule> {
  module ??= newQuickJSWASMModule();
  return module;
}

export async function runInSandbox(code: string, limits: CodeLimits, bridge: BridgeHandler, stop: AbortSignal): Promise<SandboxOutcome> {
  const wasm = await quickjs();
  const runtime = wasm.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(STACK_BYTES);
  const deadline = Date.now() + limits.timeoutMs;
  runtime.setInterruptHandler(() => stop.aborted || Date.now() > deadline);
  const context = runtime.newContext();
  const pending = new Set<QuickJSDeferredPromise>();
  let finished = false;
  // Runs the guest's jobs (promise reactions); an error here (an interrupt) also rejects the
  // snippet's promise, so its handle is only freed.
  const drain = () => {
    if (finished) return;
    const jobs = runtime.executePendingJobs();
    if (jobs.error) jobs.error.dispose();
  };

  try {
    const host = context.newFunction("__bridge", (kindHandle, payloadHandle) => {
      const kind = context.getString(kindHandle);
      const payload = JSON.parse(context.getString(payloadHandle)) as unknown;
      const deferred = context.newPromise();
      pending.add(deferred);
      bridge(kind, payload).then(
        (json) => settle(context, deferred, json, false),
        (error: unknown) => settle(context, deferred, error instanceof Error ? error.message : String(error), true),
      );
      deferred.settled.then(drain);
      return deferred.handle;
    });
    context.setProp(context.global, "__bridge", host);
    host.dispose();

    const wrapped = `${GUEST_PRELUDE}\n(async () => {\n${code}\n})().then((value) => JSON.stringify({ value: JSON.stringify(value) === undefined ? null : value, logs: __logs }))`;
    const evaluated = context.evalCode(wrapped, "snippet.js");
    if (evaluated.error) return guestFailure(context, evaluated.error, stop, deadline);
    const settled = context.resolvePromise(evaluated.value);
    evaluated.value.dispose();
    drain();

    const timeout = new Promise<"timeout">((resolve) => {
      const timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()));
      settled.finally(() => clearTimeout(timer));
      stop.addEventListener("abort", () => resolve("timeout"), { once: true });
    });
    const result = await Promise.race([settled, timeout]);
    if (result === "timeout") return { ok: false, limit: "wall-time", message: "" };
    if (result.error) return guestFailure(context, result.error, stop, deadline);
    const json = context.getString(result.value);
    result.value.dispose();
    return { ok: true, json };
  } catch (error) {
    // A failure of the engine itself (e.g. the host's stack): this module is not trusted again.
    module = undefined;
    return { ok: false, message: `the sandbox failed: ${(error as Error)?.message ?? String(error)}` };
  } finally {
    finished = true;
    for (const deferred of pending) if (deferred.alive) deferred.dispose();
    try {
      context.dispose();
      runtime.dispose();
    } catch {
      module = undefined; // objects the run leaked: start the next run on a fresh module
    }
  }

  function settle(vm: QuickJSContext, deferred: QuickJSDeferredPromise, text: string, failed: boolean) {
    pending.delete(deferred);
    if (finished || !deferred.alive) return;
    const handle = failed ? vm.newError(text) : vm.newString(text);
    if (failed) deferred.reject(handle);
    else deferred.resolve(handle);
    handle.dispose();
    deferred.dispose();
  }
}

function guestFailure(context: QuickJSContext, errorHandle: QuickJSHandle, stop: AbortSignal, deadline: number): SandboxOutcome {
  const error = context.dump(errorHandle) as { name?: string; message?: string; stack?: string } | string;
  errorHandle.dispose();
  const name = typeof error === "object" ? error?.name : undefined;
  const message = typeof error === "object" ? (error?.message ?? "") : String(error);
  // Past the deadline, whatever the error says (an interrupt inside a pending job can surface as
  // another error), the run ended for its time.
  if (stop.aborted || Date.now() >= deadline) return { ok: false, limit: "wall-time", message };
  if (name === "InternalError" && message === "out of memory") return { ok: false, limit: "memory", message };
  const where = typeof error === "object" && error?.stack ? `\n${error.stack.split("\n").slice(0, 3).join("\n")}` : "";
  return { ok: false, message: `${name ?? "Error"}: ${message}${where}` };
}
