import { startMock } from "@conversations-api/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock();
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}
