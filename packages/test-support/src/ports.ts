// The port helpers are the mock's (it needs them to start Prism); the tests take them from here.
export { findFreePort, isListening, waitForPort } from "@conversations-api/mock";
