export { startMock, defaultSpecPath, type MockOptions, type RunningMock } from "./prism.js";
export { findFreePort, isListening, waitForPort } from "./ports.js";
