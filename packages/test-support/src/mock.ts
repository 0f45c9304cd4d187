import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The URL of the mock that `@test/support/mock-setup` started for this run. */
    mockUrl: string;
  }
}

/** The URL of the mock started for this test run by `@test/support/mock-setup`. */
export function mockUrl(): string {
  const url = inject("mockUrl");
  if (!url) throw new Error('no mock: add "@test/support/mock-setup" to this package\'s vitest globalSetup');
  return url;
}
