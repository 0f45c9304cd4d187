// Every operation of the spec requires the `Version` header. The client sets it on every call,
// so the types the caller sees drop it: callers never pass it, and cannot pass a wrong one.
import type { paths } from "@conversations-api/types";

/** The `Version` header value that the operations of this API are defined for. */
export const API_VERSION = "2021-04-15";

type WithoutVersion<Header> = Omit<Header, "Version">;

type OperationWithoutVersion<Operation> = Operation extends { parameters: infer Parameters }
  ? Omit<Operation, "parameters"> & {
      parameters: Parameters extends { header: infer Header }
        ? Omit<Parameters, "header"> & { header?: WithoutVersion<Header> }
        : Parameters;
    }
  : Operation;

/** The generated `paths`, with the `Version` header removed from every operation. */
export type ClientPaths = {
  [Path in keyof paths]: {
    [Method in keyof paths[Path]]: OperationWithoutVersion<paths[Path][Method]>;
  };
};
