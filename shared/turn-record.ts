// The routing record of a turn, as stored and as the API shows it.
export type Handoff = { from: string; to: string; reason: string };
/** Tokens a tool call spent on a model of its own (the Images API), so it can be priced. */
export type ToolUsage = { model: string; inputTokens: number; outputTokens: number };
/** A file passage a tool call found (search_files): the reply cites it, and the citation opens the file. */
export type ToolSource = { fileId: string; name: string; location: string };
export type ToolRun = { agent: string; name: string; ms: number; ok: boolean; usage?: ToolUsage; sources?: ToolSource[] };
export type AgentUsage = {
  agent: string;
  /** The model this agent ran on (absent on turns recorded before agents had their own). */
  model?: string;
  inputTokens: number;
  /** Of inputTokens, those the API served from its prompt cache (absent on older turns). */
  cachedInputTokens?: number;
  outputTokens: number;
  ms: number;
};
/** One expert asking another a question mid-turn (agent.asTool); its tokens are in the turn's totals too. */
export type Consult = {
  by: string;
  agent: string;
  question: string;
  inputTokens: number;
  cachedInputTokens?: number;
  outputTokens: number;
  ms: number;
  ok: boolean;
};

/**
 * How the Orchestrator's choice was found: `handoff` its own transfer call; `repaired` a transfer
 * written as text, or a second attempt with a reminder; `structured` a structured choice after both.
 */
export const ROUTES = ['handoff', 'repaired', 'structured'] as const;
export type Route = (typeof ROUTES)[number];
