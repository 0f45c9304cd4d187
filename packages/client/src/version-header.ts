// The `Version` header. Every operation of the spec requires it and lists the values it accepts
// (most accept 2021-04-15 and v3, the preference operations only 2021-04-15,
// update-email-message-status only v3), and each value has its own generated types. The client
// sets the header on every call, so the types the caller sees drop it; what a call sends is
// `versionHeader()`, and what a call may send is typed per operation, so that selecting a version
// the operation does not accept does not compile.
import type { MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod } from "openapi-typescript-helpers";
import { versionRestrictedOperations, type ApiVersion, type ApiVersionPaths } from "@conversations-api/types";
import type { CallOptions } from "./core/request.js";
import type { InitParam, NoExtraKeys, OperationResult } from "./core/result.js";

/**
 * The `Version` a client sends to operations that accept several, unless told otherwise
 * (`apiVersion`). It stays 2021-04-15 until the vendor retires that version; `satisfies` makes a
 * spec that no longer describes it a compile error here.
 */
export const API_VERSION = "2021-04-15" satisfies ApiVersion;

/**
 * The `Version` header of one call to `method path`: the call's own `apiVersion` when it gives one,
 * else the client's when the operation accepts it, else the one the operation accepts.
 */
export function versionHeader(
  method: string,
  path: string,
  clientVersion: ApiVersion,
  callVersion: ApiVersion | undefined,
): ApiVersion {
  const accepted = versionRestrictedOperations[`${method} ${path}`];
  return callVersion ?? (!accepted || accepted.includes(clientVersion) ? clientVersion : accepted[0]!);
}

type WithoutVersion<Header> = Omit<Header, "Version">;

type OperationWithoutVersion<Operation> = Operation extends { parameters: infer Parameters }
  ? Omit<Operation, "parameters"> & {
      parameters: Parameters extends { header: infer Header }
        ? Omit<Parameters, "header"> & { header?: WithoutVersion<Header> }
        : Parameters;
    }
  : Operation;

/** The generated `paths` of one API version, with the `Version` header removed from every operation. */
export type ClientPaths<Version extends ApiVersion = typeof API_VERSION> = {
  [Path in keyof ApiVersionPaths[Version]]: {
    [Method in keyof ApiVersionPaths[Version][Path]]: OperationWithoutVersion<ApiVersionPaths[Version][Path][Method]>;
  };
};

/** The API versions that have the operation `M Path`. */
export type AcceptedVersions<Path, M extends HttpMethod> = {
  [Version in ApiVersion]: Path extends PathsWithMethod<ClientPaths<Version>, M> ? Version : never;
}[ApiVersion];

/** The version a call of a `ClientVersion` client uses: the client's when the operation has it, else the operation's. */
type CallVersionOf<Path, M extends HttpMethod, ClientVersion extends ApiVersion> =
  ClientVersion extends AcceptedVersions<Path, M> ? ClientVersion : AcceptedVersions<Path, M>;

/** The operation `M Path` of one version, with the `Version` header removed. */
type OperationOf<Version extends ApiVersion, Path, M extends HttpMethod> = Path extends keyof ClientPaths<Version>
  ? M extends keyof ClientPaths<Version>[Path]
    ? ClientPaths<Version>[Path][M]
    : never
  : never;

/** openapi-fetch's init type of that operation (optional when nothing in it is required). */
type InitOf<Version extends ApiVersion, Path, M extends HttpMethod> = MaybeOptionalInit<
  Record<M, OperationOf<Version, Path, M>>,
  M
>;

/** Options of a call on top of openapi-fetch's: CallOptions and the `Version` the call selects. */
type VersionOption<Version> = CallOptions & {
  /** The `Version` of this call, instead of the client's; only the versions the operation accepts compile. */
  apiVersion?: Version;
};

/**
 * `client.GET(path, init)` and friends: openapi-fetch's signature typed for the call's version
 * (the call's `apiVersion`, else the client's, else the operation's only one), plus CallOptions.
 */
export type Method<M extends HttpMethod, ClientVersion extends ApiVersion> = <
  Path extends { [Version in ApiVersion]: PathsWithMethod<ClientPaths<Version>, M> }[ApiVersion],
  CallVersion extends AcceptedVersions<Path, M> = CallVersionOf<Path, M, ClientVersion>,
  Init extends InitOf<CallVersion, Path, M> = InitOf<CallVersion, Path, M>,
>(
  url: Path,
  ...init: InitParam<Init & VersionOption<CallVersion> & NoExtraKeys<Init, NonNullable<InitOf<CallVersion, Path, M>> & VersionOption<CallVersion>>>
) => Promise<OperationResult<OperationOf<CallVersion, Path, M>, Init>>;
