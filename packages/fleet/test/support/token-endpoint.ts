// A loopback OAuth token endpoint that behaves like the vendor's as far as a fleet cares: a refresh
// token works once and its answer names the next one; it counts every request and can be told to
// fail (5xx, invalid_grant) or to hang.
import { createServer, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { listenOnLoopback } from "@test/support";

export type TokenEndpointMode = "ok" | "hang" | "server_error" | "invalid_grant";

export interface TokenEndpoint {
  url: string;
  /** Form bodies received, in order. */
  requests: URLSearchParams[];
  mode: TokenEndpointMode;
  /** Milliseconds before an answer (widens races). */
  delayMs: number;
  /** Seconds of life of the access tokens it issues. */
  expiresIn: number;
  /** The refresh token it accepts next. */
  validRefreshToken: string;
  /** Connections that carried a request and are still open (an idle spare the client opens does not count). */
  openRequestConnections(): number;
  close(): Promise<void>;
}

export async function startTokenEndpoint(initialRefreshToken: string): Promise<TokenEndpoint> {
  let issued = 0;
  const hanging = new Set<ServerResponse>();
  const carrying = new Set<Socket>();
  const endpoint = {
    url: "",
    requests: [] as URLSearchParams[],
    mode: "ok" as TokenEndpointMode,
    delayMs: 0,
    expiresIn: 86_399,
    validRefreshToken: initialRefreshToken,
    openRequestConnections: () => carrying.size,
    close: async () => {},
  };
  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    let text = "";
    if (!carrying.has(request.socket)) {
      carrying.add(request.socket);
      request.socket.once("close", () => carrying.delete(request.socket));
    }
    request.on("data", (chunk) => (text += chunk));
    request.on("end", () => {
      const form = new URLSearchParams(text);
      endpoint.requests.push(form);
      if (endpoint.mode === "hang") return void hanging.add(response);
      setTimeout(() => {
        if (endpoint.mode === "server_error") return send(response, 503, { message: "Service Unavailable" });
        const valid = form.get("grant_type") === "refresh_token" && form.get("refresh_token") === endpoint.validRefreshToken;
        if (endpoint.mode === "invalid_grant" || !valid) {
          return send(response, 400, { error: "invalid_grant", error_description: `refresh token ${form.get("refresh_token")} is invalid` });
        }
        issued++;
        endpoint.validRefreshToken = `refresh-${issued}`;
        send(response, 200, {
          access_token: `access-${issued}`,
          token_type: "Bearer",
          expires_in: endpoint.expiresIn,
          refresh_token: endpoint.validRefreshToken,
          userType: form.get("user_type") ?? "Location",
          locationId: "loc-1",
          userId: "user-1",
        });
      }, endpoint.delayMs);
    });
  });
  const listening = await listenOnLoopback(server);
  endpoint.url = `${listening.url}/oauth/token`;
  endpoint.close = () => {
    for (const response of hanging) response.destroy();
    return listening.close();
  };
  return endpoint;
}
