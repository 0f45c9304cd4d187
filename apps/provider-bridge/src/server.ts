// The bridge behind one node:http server (on 127.0.0.1 by default; put it behind your HTTPS proxy):
//   POST /highlevel/deliveries/<secret>   the Delivery URL you register with HighLevel
//   POST /carrier/inbound                 the URL you give your carrier for inbound texts
// At start, the status reports a previous run left owed (in the store) are sent.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createProviderBridge, type ProviderBridge, type ProviderBridgeOptions } from "./bridge.js";

export const deliveryPath = "/highlevel/deliveries/";
export const carrierInboundPath = "/carrier/inbound";

export interface RunningProviderBridge {
  bridge: ProviderBridge;
  /** The Delivery URL to register, secret included: keep it out of logs. */
  deliveryUrl: string;
  carrierInboundUrl: string;
  port: number;
  /** Stops the server; `abandon` drops the reports under way as a crash would (the store keeps them). */
  stop(options?: { abandon?: boolean }): Promise<void>;
}

export async function startProviderBridge(options: ProviderBridgeOptions & { port?: number; host?: string }): Promise<RunningProviderBridge> {
  const bridge = createProviderBridge(options);
  const server = createServer((request, response) => {
    const path = (request.url ?? "").split("?")[0] ?? "";
    if (request.method === "POST" && path.startsWith(deliveryPath)) return void bridge.handleDelivery(request, response);
    if (request.method === "POST" && path === carrierInboundPath) return void bridge.handleCarrierInbound(request, response);
    response.writeHead(404).end();
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  void bridge.resumePendingReports();
  const origin = `http://${host}:${port}`;
  return {
    bridge,
    deliveryUrl: `${origin}${deliveryPath}${options.deliveryUrlSecret}`,
    carrierInboundUrl: `${origin}${carrierInboundPath}`,
    port,
    async stop({ abandon = false } = {}) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await bridge.close({ abandon });
      await closed;
    },
  };
}
