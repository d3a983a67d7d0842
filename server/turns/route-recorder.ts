// Builds a turn's routing record from the SDK's own stream events, and translates them into the
// turn's events (each observed SDK event gives zero or more).
import type { RunStreamEvent } from '@openai/agents';
import type { AgentUsage, Handoff, ToolRun } from '../../shared/turn-record.ts';
import { cachedTokensOf } from '../agents/cached-tokens.ts';
import { handoffReason } from '../agents/handoff-input.ts';
import { finishedToolRun, type StartedTool } from '../agents/tool-run.ts';
import { consultedExpert } from '../agents/tools/consult.ts';
import { noteRead, type TurnContext } from '../agents/turn-context.ts';
import type { AgentEvent, ToolEvent, TurnEvent } from './events.ts';

export type RouteRecord = { agents: string[]; handoffs: Handoff[]; tools: ToolRun[]; agentUsage: AgentUsage[] };

export class RouteRecorder {
  readonly #agents: string[] = [];
  readonly #handoffs: Handoff[] = [];
  readonly #tools: ToolRun[] = [];
  readonly #usage = new Map<string, AgentUsage>();
  readonly #pendingTools = new Map<string, StartedTool>();
  readonly #reasons: string[] = [];
  readonly #context: TurnContext;
  readonly #experts: readonly string[];
  readonly #now: () => number;
  readonly #modelOf: (agent: string) => string;
  #current = '';
  #router = '';
  #segmentStart: number;

  /**
   * `experts`: the names a consult tool may ask, so tool events can say who was consulted;
   * `modelOf`: the model each agent runs on, recorded with its usage.
   */
  constructor(
    context: TurnContext,
    experts: readonly string[],
    modelOf: (agent: string) => string,
    now: () => number = performance.now.bind(performance),
  ) {
    this.#context = context;
    this.#experts = experts;
    this.#modelOf = modelOf;
    this.#now = now;
    this.#segmentStart = now();
  }

  /** The first agent of the run; its event opens the turn's path. `routes: false`: it answers itself. */
  start(agent: string, options: { routes: boolean } = { routes: true }): AgentEvent {
    return this.resume(options.routes ? agent : '', agent);
  }

  /** A paused run carrying on: `router` routed it before the pause ('' when none did), `agent` has it now. */
  resume(router: string, agent: string): AgentEvent {
    this.#current = agent;
    this.#router = router;
    this.#segmentStart = this.#now();
    return this.#enter(agent, null);
  }

  observe(event: RunStreamEvent): TurnEvent[] {
    if (event.type === 'agent_updated_stream_event') return this.#switchTo(event.agent.name);
    if (event.type === 'raw_model_stream_event') {
      const data = event.data;
      if (data.type === 'response_done') {
        const usage = this.#usageOf(this.#current);
        usage.inputTokens += data.response.usage.inputTokens;
        usage.cachedInputTokens! += cachedTokensOf(data.response.usage);
        usage.outputTokens += data.response.usage.outputTokens;
      }
      // The router's own words are never a reply, so they never reach the client either.
      return data.type === 'output_text_delta' && this.#current !== this.#router ? [{ type: 'delta', text: data.delta }] : [];
    }
    const { item } = event;
    if (item.type === 'handoff_call_item') {
      this.#reasons.push(handoffReason(item.rawItem.arguments) ?? '');
    } else if (item.type === 'handoff_output_item') {
      this.#handoffs.push({
        from: item.sourceAgent.name,
        to: item.targetAgent.name,
        reason: this.#reasons.shift() ?? '',
      });
    } else if (item.type === 'tool_call_item') {
      const raw = item.rawItem;
      if (raw.type === 'function_call') {
        this.#pendingTools.set(raw.callId, { agent: item.agent.name, name: raw.name, startedAt: this.#now() });
        return [this.#tool({ phase: 'start', agent: item.agent.name, name: raw.name, callId: raw.callId })];
      } else if (raw.type === 'hosted_tool_call') {
        // Hosted tools run inside the model call: no separate duration to measure.
        const callId = raw.id ?? raw.name;
        if (raw.name === 'web_search_call') noteRead(this.#context, { kind: 'web', query: null });
        this.#tools.push({ agent: item.agent.name, name: raw.name, ms: 0, ok: raw.status !== 'failed' });
        return [this.#tool({ phase: 'end', agent: item.agent.name, name: raw.name, callId, ms: 0, ok: true })];
      }
    } else if (item.type === 'tool_call_output_item' && item.rawItem.type === 'function_call_result') {
      const { callId } = item.rawItem;
      // A call approved (or rejected) after a pause was asked for before it: its start is in the stored record.
      const started = this.#pendingTools.get(callId) ?? {
        agent: item.agent.name,
        name: item.rawItem.name,
        startedAt: this.#now(),
      };
      this.#pendingTools.delete(callId);
      const run = finishedToolRun(this.#context, started, callId, this.#now());
      this.#tools.push(run);
      return [this.#tool({ phase: 'end', callId, agent: run.agent, name: run.name, ms: run.ms, ok: run.ok })];
    }
    return [];
  }

  /** True while the router (the first agent) still has the turn: nobody has answered yet. */
  get routing(): boolean {
    return this.#current === this.#router;
  }

  /** A handoff the turn made on the router's behalf (its choice came as text or as data). */
  handoff(to: string, reason: string): TurnEvent[] {
    this.#handoffs.push({ from: this.#current, to, reason });
    return this.#switchTo(to);
  }

  #tool(event: Omit<ToolEvent, 'type' | 'consulted'>): ToolEvent {
    const consulted = consultedExpert(event.name, this.#experts);
    return { type: 'tool', ...event, ...(consulted ? { consulted } : {}) };
  }

  finish(): RouteRecord {
    this.#closeSegment();
    return {
      agents: [...this.#agents],
      handoffs: [...this.#handoffs],
      tools: [...this.#tools],
      agentUsage: [...this.#usage.values()],
    };
  }

  #switchTo(agent: string): TurnEvent[] {
    if (agent === this.#current) return [];
    this.#closeSegment();
    this.#current = agent;
    return [this.#enter(agent, this.#handoffs.at(-1)?.to === agent ? this.#handoffs.at(-1)!.reason : null)];
  }

  #enter(agent: string, reason: string | null): AgentEvent {
    this.#agents.push(agent);
    this.#usageOf(agent);
    return { type: 'agent', agent, reason };
  }

  #closeSegment(): void {
    const at = this.#now();
    this.#usageOf(this.#current).ms += Math.round(at - this.#segmentStart);
    this.#segmentStart = at;
  }

  #usageOf(agent: string): AgentUsage {
    let usage = this.#usage.get(agent);
    if (!usage) {
      usage = { agent, model: this.#modelOf(agent), inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, ms: 0 };
      this.#usage.set(agent, usage);
    }
    return usage;
  }
}
