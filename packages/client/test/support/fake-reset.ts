// A setup file of the `contract-fake` project: each test file starts from the fake's example data,
// whatever the files before it changed (one fake serves the run; its files run one at a time).
import { beforeAll } from "vitest";
import { freshState } from "./backend.js";

beforeAll(freshState);
