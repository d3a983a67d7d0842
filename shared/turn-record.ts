// The routing record of a turn, as stored and as the API shows it.
export type Handoff = { from: string; to: string; reason: string };
/** Tokens a tool call spent on a model of its own (the Images API), so it can be priced. */
export type ToolUsage = { model: string; inputTokens: number; outputTokens: number };
/** A file passage a tool call found (search_files): the reply cites it, and the citation opens the file. */
export type ToolSource = { fileId: string; name: string; location: string };
/** `server`/`approved`: an MCP call (`<server>__<tool>`), and whether the owner said yes to it (absent: it needed no yes). */
export type ToolRun = {
  agent: string;
  name: string;
  ms: number;
  ok: boolean;
  usage?: ToolUsage;
  sources?: ToolSource[];
  server?: string;
  approved?: boolean;
};
/**
 * A call a paused turn waits on: `id` is the model's call id, `tool` the server's own tool name
 * (`server` null for a tool of Switchboard's own), `arguments` as the model wrote them, parsed.
 */
export type Approval = {
  id: string;
  agent: string;
  server: string | null;
  tool: string;
  arguments: Record<string, unknown>;
  status: 'pending' | 'approved' | 'rejected';
  decidedAt: string | null;
  /** The expert that consulted `agent` when it asked for this call; absent when `agent` answers the turn. */
  consultedBy?: string;
};
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
  /** The colleague stopped at a call awaiting the owner's yes; the resumed turn carries this consult on. */
  paused?: true;
};

/**
 * How the Orchestrator's choice was found: `handoff` its own transfer call; `repaired` a transfer
 * written as text, or a second attempt with a reminder; `structured` a structured choice after both;
 * `assigned` no routing: the request named its expert (a routine that goes to one).
 */
/** The ways a router's choice is found (what a routing eval counts). */
export const ROUTER_ROUTES = ['handoff', 'repaired', 'structured'] as const;
export const ROUTES = [...ROUTER_ROUTES, 'assigned'] as const;
export type Route = (typeof ROUTES)[number];
export type RouterRoute = (typeof ROUTER_ROUTES)[number];
