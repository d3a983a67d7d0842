// One consult during a turn: the question, what the colleague's model calls cost, how it ended.
import type { RunStreamEvent } from '@openai/agents';
import type { Consult } from '../../shared/turn-record.ts';
import { cachedTokensOf } from './cached-tokens.ts';

export class ConsultCall {
  #inputTokens = 0;
  #cachedInputTokens = 0;
  #outputTokens = 0;
  #answered = false;
  #ms: number | null = null;
  readonly #startedAt: number;
  readonly by: string;
  readonly agent: string;
  readonly question: string;
  private readonly now: () => number;

  constructor(by: string, agent: string, question: string, now: () => number = performance.now.bind(performance)) {
    this.by = by;
    this.agent = agent;
    this.question = question;
    this.now = now;
    this.#startedAt = now();
  }

  get answered(): boolean {
    return this.#answered;
  }

  /** Every model call of the nested run counts, including those before a failure. */
  observe(event: RunStreamEvent): void {
    if (event.type !== 'raw_model_stream_event' || event.data.type !== 'response_done') return;
    this.#inputTokens += event.data.response.usage.inputTokens;
    this.#cachedInputTokens += cachedTokensOf(event.data.response.usage);
    this.#outputTokens += event.data.response.usage.outputTokens;
  }

  markAnswered(): void {
    this.#answered = true;
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
    };
  }
}
