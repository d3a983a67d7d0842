// A non-OpenAI, OpenAI-compatible model server (Chat Completions with function calling, as Ollama
// and vLLM speak it) plus SearXNG for web search: the set-up README describes for local models.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTeam } from '../../server/agents/team.ts';
import type { MessageDto, TurnDto } from '../../server/routers/dto.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { type ChatRequest, type FakeOpenAI, messageTexts, type Responder, startFakeOpenAI } from '../support/fake-openai.ts';
import { type FakeSearxng, startFakeSearxng } from '../support/fake-searxng.ts';
import { mutate, query } from '../support/http-api.ts';
import { NO_TOOLS, transferToolName } from '../support/scripted-runtime.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

type SendResult = { conversationId: string; turn: TurnDto; reply: MessageDto };

const team = buildTeam(NO_TOOLS);

/**
 * The Orchestrator hands off to `expert`; the expert searches once, then answers with whatever
 * the search gave it (so the test sees the tool output reached the model).
 */
function searchingExpert(expert: ExpertName, query: string): Responder {
  return (request: ChatRequest) => {
    if (request.tools?.some((t) => t.function.name.startsWith('transfer_to_'))) {
      return { toolCalls: [{ name: transferToolName(team, expert), arguments: { reason: `A question for ${expert}.` } }] };
    }
    // The handoff left a tool message too: look for the answer to the search call itself.
    const calls = request.messages.flatMap((m) => (m.tool_calls ?? []) as { id: string; function: { name: string } }[]);
    const search = calls.find((c) => c.function.name === 'web_search');
    if (!search) return { toolCalls: [{ name: 'web_search', arguments: { query } }] };
    const result = request.messages.filter((m) => m.role === 'tool' && 'tool_call_id' in m && m.tool_call_id === search.id);
    return { text: `From the search: ${messageTexts({ ...request, messages: result }).join(' ')}` };
  };
}

describe('an OpenAI-compatible model server with SearXNG web search', () => {
  let model: FakeOpenAI;
  let searx: FakeSearxng;
  let server: ServerProcess;
  let dataDir: string;

  beforeAll(async () => {
    model = await startFakeOpenAI(() => ({ status: 500 }));
    searx = await startFakeSearxng();
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-compatible-'));
    server = await startServer({
      OPENAI_BASE_URL: model.url,
      SEARXNG_URL: searx.url,
      SWITCHBOARD_MODEL: 'llama3.1:8b',
      SWITCHBOARD_DATA_DIR: dataDir,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await model?.close();
    await searx?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('speaks Chat Completions and offers web search through SearXNG', async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({
      model: { configured: true, api: 'chat_completions', name: 'llama3.1:8b' },
      webSearch: 'searxng',
    });
  });

  it('lets an expert search the web and records the search in the turn', async () => {
    searx.answerWith([
      { title: 'Soy candle prices', url: 'https://example.test/soy', content: 'Soy candles sell for 18-30 EUR.' },
    ]);
    model.setResponder(searchingExpert('Strategic', 'eco candle retail prices'));

    const sent = await mutate<SendResult>(server.url, 'chat.send', { message: 'How much do eco candles sell for?' });

    expect(sent.error).toBeUndefined();
    const { turn, reply } = sent.data!;
    expect(searx.queries).toEqual(['eco candle retail prices']);
    expect(reply).toMatchObject({ agent: 'Strategic' });
    expect(reply.content).toContain('Soy candles sell for 18-30 EUR.');
    expect(turn).toMatchObject({ status: 'completed', agents: ['Orchestrator', 'Strategic'], model: 'llama3.1:8b' });
    expect(turn.tools).toEqual([{ name: 'web_search', agent: 'Strategic', ms: expect.any(Number), ok: true }]);
    expect(turn.tools[0]!.ms).toBeGreaterThanOrEqual(0);
    // A local model has no list price: tokens, but no cost.
    expect(turn.usage.totalTokens).toBeGreaterThan(0);
    expect(turn.cost).toBeNull();
    const expertRequest = model.requests.find((r) => !r.tools?.some((t) => t.function.name.startsWith('transfer_to_')));
    expect(expertRequest?.tools?.map((t) => t.function.name)).toContain('web_search');
  });

  it('completes the turn when the search service fails, recording the failed search', async () => {
    searx.answerWith(500);
    model.setResponder(searchingExpert('Media', 'candle instagram trends'));

    const sent = await mutate<SendResult>(server.url, 'chat.send', { message: 'What is trending for candles on Instagram?' });

    expect(sent.error).toBeUndefined();
    const { turn, reply } = sent.data!;
    expect(turn.status).toBe('completed');
    expect(turn.tools).toEqual([{ name: 'web_search', agent: 'Media', ms: expect.any(Number), ok: false }]);
    expect(reply.agent).toBe('Media');
    // The model was told the search failed, so it can say what it could not check.
    expect(reply.content).toMatch(/tool failed.*HTTP 500/);
  });

  it('repairs a server that ignores tool_choice once, and fails a server that never hands off with a retryable turn', async () => {
    const promise = 'I will hand this over to our Creative expert.';
    const isRouter = (request: ChatRequest) => request.tools?.some((t) => t.function.name.startsWith('transfer_to_')) ?? false;
    let lapses = 1;
    const expertAnswer = (request: ChatRequest) => ({ text: request.response_format ? 'Creative.' : 'Call it Wick & Wonder.' });
    model.setResponder((request) => {
      if (!isRouter(request)) return expertAnswer(request);
      if (lapses-- > 0) return { text: promise };
      return { toolCalls: [{ name: transferToolName(team, 'Creative'), arguments: { reason: 'A shop name.' } }] };
    });
    const repaired = await mutate<SendResult>(server.url, 'chat.send', { message: 'Name my candle shop' });
    expect(repaired.error).toBeUndefined();
    expect(repaired.data!.reply).toMatchObject({ agent: 'Creative', content: 'Call it Wick & Wonder.' });
    expect(repaired.data!.turn).toMatchObject({ status: 'completed', route: 'repaired' });

    model.setResponder((request) => (isRouter(request) ? { text: promise } : expertAnswer(request)));
    const failed = await mutate<SendResult>(server.url, 'chat.send', {
      message: 'And a slogan?',
      conversationId: repaired.data!.conversationId,
    });
    expect(failed.status).toBe(502);
    expect(failed.error!.data).toMatchObject({ code: 'BAD_GATEWAY', turnId: expect.any(String) });
    expect(failed.error!.message).toContain('does not support tool calls');

    model.setResponder((request) =>
      isRouter(request)
        ? { toolCalls: [{ name: transferToolName(team, 'Creative'), arguments: { reason: 'A slogan.' } }] }
        : expertAnswer(request),
    );
    const retried = await mutate<SendResult>(server.url, 'chat.retry', { turnId: failed.error!.data.turnId });
    expect(retried.data!.turn).toMatchObject({ status: 'completed', route: 'handoff' });
    const history = await query<{ messages: MessageDto[] }>(server.url, 'chat.history', {
      conversationId: repaired.data!.conversationId,
    });
    const replies = history.data!.messages.filter((m) => m.role === 'assistant');
    expect(replies.map((m) => m.agent)).toEqual(['Creative', 'Creative']);
    expect(replies.map((m) => m.content)).not.toContain(promise);
  });
});
