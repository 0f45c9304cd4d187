export { startMock, startPrism, defaultSpecPath, type MockOptions, type PrismProcessOptions, type RunningMock } from "./prism.js";
export { startProxy, formatViolation, DEFAULT_UPSTREAM, type ProxyOptions, type ProxyViolation, type RunningProxy } from "./proxy.js";
export { findFreePort, isListening, waitForPort } from "./ports.js";
