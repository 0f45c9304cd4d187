export { createProviderBridge, CarrierUnavailableError, type InboundResult, type ProviderBridge, type ProviderBridgeOptions } from "./bridge.js";
export type { Carrier, IncomingText, OutgoingText, SendOutcome } from "./carrier.js";
export type { RetryOptions } from "./retry.js";
export { retryReason } from "./status-report.js";
export { fileBridgeStore, memoryBridgeStore, type BridgeStore, type ContactRoute, type PendingReport } from "./store.js";
export { carrierInboundPath, deliveryPath, startProviderBridge, type RunningProviderBridge } from "./server.js";
export { runDemo, type DemoResult } from "./demo.js";
