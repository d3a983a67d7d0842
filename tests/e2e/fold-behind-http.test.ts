// A long conversation over HTTP against an OpenAI-compatible server, as a user would run it: every
// Summarizer call is held by the server until a later turn's expert call has arrived, so a turn
// that waited for its summary before routing could never finish. Each fold still reaches the turns
// after it: the brand named in turn 1 is known at turn 30.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBenchApp } from '../../bench/bench-app.ts';
import { buildTeam } from '../../server/agents/team.ts';
import { keepingSummarizer } from '../support/conversation-script.ts';
import { lastUserText } from '../support/eval-cli.ts';
import { type ChatRequest, type FakeOpenAI, messageTexts, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate } from '../support/http-api.ts';
import { NO_TOOLS, transferToolName } from '../support/scripted-runtime.ts';

const team = buildTeam(NO_TOOLS);
const BRAND = 'Lumen & Wick';
const TURNS = 30;
const FIRST = `Our candle brand is called ${BRAND}. Remember it.`;
const isRouting = (request: ChatRequest) => Boolean(request.tools?.some((t) => t.function.name.startsWith('transfer_to_')));
const isSummarizer = (request: ChatRequest) => lastUserText(request).startsWith('Summary so far:');

describe('memory folds behind turns over HTTP', () => {
  let model: FakeOpenAI;
  let app: Awaited<ReturnType<typeof startBenchApp>>;
  /** Summarizer answers the server holds back until the next expert call comes in. */
  const held: (() => void)[] = [];
  let releasedByLaterTurns = 0;
  let summarizerCalls = 0;
  const expertCalls: ChatRequest[] = [];
  const statuses: string[] = [];

  beforeAll(async () => {
    model = await startFakeOpenAI(async (request) => {
      if (isRouting(request))
        return { toolCalls: [{ name: transferToolName(team, 'Creative'), arguments: { reason: 'Brand naming' } }] };
      if (isSummarizer(request)) {
        summarizerCalls += 1;
        await new Promise<void>((resolve) => held.push(resolve));
        return { text: keepingSummarizer(lastUserText(request)) };
      }
      expertCalls.push(request);
      releasedByLaterTurns += held.length;
      for (const release of held.splice(0)) release();
      return { text: `Noted. ${'Keep the labels calm, the wax soy and the price at 24 EUR. '.repeat(6)}` };
    });
    app = await startBenchApp('pglite', model.url, { SWITCHBOARD_MEMORY_TOKENS: '1500' });
    let conversationId: string | undefined;
    for (let turn = 1; turn <= TURNS; turn += 1) {
      const message =
        turn === 1 ? `Our candle brand is called ${BRAND}. Remember it.` : `Turn ${turn}: one more idea for the shop?`;
      const sent = await mutate<{ conversationId: string; turn: { status: string } }>(app.url, 'chat.send', {
        conversationId,
        message,
      });
      if (sent.error) throw new Error(sent.error.message);
      conversationId = sent.data.conversationId;
      statuses.push(sent.data.turn.status);
    }
  }, 120_000);
  afterAll(async () => {
    await app?.dispose();
    await model?.close();
  });

  it('answers every turn while the Summarizer is held, and folds several times', () => {
    expect(statuses).toEqual(Array(TURNS).fill('completed'));
    expect(summarizerCalls).toBeGreaterThan(2);
    // Every fold but possibly the last was still unanswered when a later turn reached its expert.
    expect(releasedByLaterTurns).toBeGreaterThanOrEqual(summarizerCalls - 1);
  });

  it('knows the turn-1 brand at turn 30 from the summary, not the first message', () => {
    const call = expertCalls.at(-1)!;
    const last = messageTexts({ ...call, messages: call.messages.filter((m) => m.role === 'user' || m.role === 'assistant') });
    expect(last).not.toContain(FIRST);
    expect(last.find((text) => text.startsWith('Summary of the earlier conversation'))).toContain(BRAND);
  });
});
