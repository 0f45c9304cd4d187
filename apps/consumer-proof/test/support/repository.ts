// Where the repository and its published packages are.
import { fileURLToPath } from "node:url";

export const repoDir = fileURLToPath(new URL("../../../../", import.meta.url));
export const publishedPackages = ["types", "client", "webhooks", "fake", "validator"] as const;
export type PublishedPackage = (typeof publishedPackages)[number];
export const packageDir = (name: PublishedPackage) => `${repoDir}packages/${name}`;
