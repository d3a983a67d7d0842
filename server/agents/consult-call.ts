// One consult during a turn: the question, what the colleague's model calls cost, the tools it
// called, how it ended.
import type { RunStreamEvent } from '@openai/agents';
import type { Consult, ToolRun } from '../../shared/turn-record.ts';
import { cachedTokensOf } from './cached-tokens.ts';
import { finishedToolRun, type StartedTool } from './tool-run.ts';
import type { TurnContext } from './turn-context.ts';

export class ConsultCall {
  #inputTokens = 0;
  #cachedInputTokens = 0;
  #outputTokens = 0;
  #answered = false;
  #paused = false;
  readonly #started = new Map<string, StartedTool>();
  readonly #tools: ToolRun[] = [];
  readonly #context: TurnContext;
  #ms: number | null = null;
  readonly #startedAt: number;
  readonly by: string;
  readonly agent: string;
  readonly question: string;
  private readonly now: () => number;

  constructor(
    by: string,
    agent: string,
    question: string,
    context: TurnContext,
    now: () => number = performance.now.bind(performance),
  ) {
    this.by = by;
    this.#context = context;
    this.agent = agent;
    this.question = question;
    this.now = now;
    this.#startedAt = now();
  }

  get answered(): boolean {
    return this.#answered;
  }

  /** True when the colleague stopped at a call awaiting the owner's yes: the owner's turn pauses with it. */
  get paused(): boolean {
    return this.#paused;
  }

  /** The colleague's own tool calls, as the owner's turn records them. */
  get tools(): ToolRun[] {
    return [...this.#tools];
  }

  /** Every model call of the nested run counts, including those before a failure. */
  observe(event: RunStreamEvent): void {
    if (event.type === 'run_item_stream_event') this.#observeTool(event.item);
    if (event.type !== 'raw_model_stream_event' || event.data.type !== 'response_done') return;
    this.#inputTokens += event.data.response.usage.inputTokens;
    this.#cachedInputTokens += cachedTokensOf(event.data.response.usage);
    this.#outputTokens += event.data.response.usage.outputTokens;
  }

  markAnswered(): void {
    this.#answered = true;
  }

  markPaused(): void {
    this.#paused = true;
  }

  finish(): void {
    this.#ms ??= Math.round(this.now() - this.#startedAt);
  }

  toRecord(): Consult {
    return {
      by: this.by,
      agent: this.agent,
      question: this.question,
      inputTokens: this.#inputTokens,
      cachedInputTokens: this.#cachedInputTokens,
      outputTokens: this.#outputTokens,
      ms: this.#ms ?? Math.round(this.now() - this.#startedAt),
      ok: this.#answered,
      ...(this.#paused && !this.#answered ? { paused: true } : {}),
    };
  }

  #observeTool(item: Extract<RunStreamEvent, { type: 'run_item_stream_event' }>['item']): void {
    if (item.type === 'tool_call_item' && item.rawItem.type === 'function_call') {
      this.#started.set(item.rawItem.callId, { agent: this.agent, name: item.rawItem.name, startedAt: this.now() });
    } else if (item.type === 'tool_call_output_item' && item.rawItem.type === 'function_call_result') {
      const { callId, name } = item.rawItem;
      // A call the owner decided on was asked for before the pause, in the consult's first leg.
      const started = this.#started.get(callId) ?? { agent: this.agent, name, startedAt: this.now() };
      this.#started.delete(callId);
      this.#tools.push(finishedToolRun(this.#context, started, callId, this.now()));
    }
  }
}
