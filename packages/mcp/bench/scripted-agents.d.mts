// Types of scripted-agents.mjs, for the test that runs the agents (test/code-mode.test.ts).
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";

export interface AnswerRow {
  conversationId: string;
  contact: string;
  unreadCount: number;
  lastInbound: string | null;
}
export interface AgentRun {
  answer: AnswerRow[];
  toolCalls: number;
  bytes: number;
}
export function perOperationAgent(client: Client, locationId: string, pageSize?: number): Promise<AgentRun>;
export function codeModeAgent(client: Client, locationId: string): Promise<AgentRun>;
export function codeModeSnippet(locationId: string): string;
export function sortAnswer(answer: AnswerRow[]): AnswerRow[];
