// The repository's shared test helpers (private, never published). Each lives in a file of its own.
export { bundledSpecPath, httpMethods, readBundledSpec, readDereferencedSpec, specOperations, type HttpMethod, type SpecOperation } from "./spec.js";
export { componentValidator, errorsAgainst, errorsAt, schemaErrors, type SchemaName } from "./schema-validator.js";
export { expectSuccess, pnpmCommand, run, runNode, runPnpm, type RunOptions, type RunResult } from "./run.js";
export { mockUrl } from "./mock.js";
export { startMock, type RunningMock } from "@conversations-api/mock";
export { findFreePort, isListening, waitForPort } from "./ports.js";
export { listenOnLoopback, type LoopbackServer } from "./loopback-server.js";
