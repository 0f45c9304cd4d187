// Every tool's example call over HTTP against the fake (fresh example data each time): the answer
// is the operation's data as structured content, valid against the spec's success response.
import { createFake, exampleFixtures } from "@conversations-api/fake";
import { errorsAt } from "@test/support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleCalls } from "../../client/test/support/example-calls.js";
import { operationTools } from "../src/operations.gen.js";
import { connectHttp, toolArguments, type HttpSession } from "./support/servers.js";

const fake = createFake({ fixtures: exampleFixtures, rateLimit: false });
const versions: (string | null)[] = [];
let session: HttpSession;

beforeAll(async () => {
  session = await connectHttp({
    token: "fake-token-for-tests",
    fetch: (request, init) => {
      versions.push(request.headers.get("Version"));
      return fake.fetch(request, init);
    },
    allowWrites: true,
  });
});
afterAll(() => session?.close());

const pointer = (path: string, method: string, status: string) =>
  `/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;

describe("tool calls against the fake", () => {
  for (const tool of operationTools) {
    const call = exampleCalls.find((example) => example.operationId === tool.operationId)!;
    it(`${tool.name} returns data valid against the spec`, async () => {
      fake.reset();
      const result = await session.client.callTool({ name: tool.name, arguments: toolArguments(call.init) });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      const status = call.responses.find((code) => /^2\d\d$/.test(code))!;
      expect(errorsAt(pointer(tool.path, tool.method, status), result.structuredContent)).toEqual([]);
      expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toEqual(result.structuredContent);
    });
  }

  it("lists every tool over HTTP too", async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(operationTools.map((tool) => tool.name).sort());
  });

  it("sends the Version header from the client: the default, the one a call asks for, an operation's only one", async () => {
    versions.length = 0;
    await session.client.callTool({ name: "get-conversation", arguments: { conversationId: "ABCHkzuJQ8ZMd4Te84GK" } });
    await session.client.callTool({ name: "get-conversation", arguments: { conversationId: "ABCHkzuJQ8ZMd4Te84GK", apiVersion: "v3" } });
    await session.client.callTool({ name: "get-all-custom-subtypes", arguments: { locationId: "ve9EPM428h8vShlRW1KT" } });
    expect(versions).toEqual(["2021-04-15", "v3", "2021-04-15"]);
  });

  it("reads a conversation with its recent messages as a resource (the client's iterator)", async () => {
    fake.reset();
    const { contents } = await session.client.readResource({ uri: "conversations-api://conversations/tDtDnQdgm2LXpyiqYvZ6" });
    const { conversation, recentMessages } = JSON.parse((contents[0] as { text: string }).text);
    expect(conversation.id).toBe("tDtDnQdgm2LXpyiqYvZ6");
    expect(recentMessages.length).toBeGreaterThan(1);
    expect(recentMessages.every((message: { conversationId: string }) => message.conversationId === "tDtDnQdgm2LXpyiqYvZ6")).toBe(true);
  });

  it("reads a call's recording as a binary resource", async () => {
    fake.reset();
    const { contents } = await session.client.readResource({ uri: "conversations-api://locations/ve9EPM428h8vShlRW1KT/messages/ve9EPM428h8vShlRW1KT/recording" });
    expect(contents[0]).toMatchObject({ mimeType: "audio/x-wav" });
    expect(Buffer.from((contents[0] as { blob: string }).blob, "base64").subarray(0, 4).toString()).toBe("RIFF");
  });

  it("offers the triage prompt", async () => {
    const { prompts } = await session.client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(["triage-unread-conversations"]);
    const prompt = await session.client.getPrompt({ name: "triage-unread-conversations", arguments: { locationId: "ABCHkzuJQ8ZMd4Te84GK" } });
    expect((prompt.messages[0]!.content as { text: string }).text).toContain('status "unread"');
  });
});
