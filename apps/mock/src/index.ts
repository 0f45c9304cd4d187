export { startMock, defaultSpecPath, type MockOptions, type RunningMock } from "./prism.js";
export { findFreePort, waitForPort } from "./ports.js";
