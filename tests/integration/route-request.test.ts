// The routing repair on the SDK's own scripted model: the real Runner, handoffs and structured
// output machinery, with each model step written out (and all of them consumed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase } from '../support/test-db.ts';

/** The router writing text instead of calling a tool: to the SDK, a final answer. */
const words = reply;

describe('routing repair with a scripted model', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => database.close());

  it('repairs a router that answers in words with a second try (route: repaired)', async () => {
    const h = chatHarness(database);
    h.script(
      words('Our Strategic expert will take it from here.'),
      routeTo(h.team, 'Strategic', 'A pricing question.'),
      reply('Charge 24 EUR.'),
    );
    const { turn, reply: answer } = await h.api.chat.send({ message: 'What should my candles cost?' });
    h.model.assertComplete();
    expect(turn).toMatchObject({ status: 'completed', route: 'repaired', agents: ['Orchestrator', 'Strategic'] });
    expect(answer).toMatchObject({ agent: 'Strategic', content: 'Charge 24 EUR.' });
    // Both router calls are counted: the lapse cost tokens too (200 + 120 scripted input tokens).
    expect(turn.agentUsage.find((u) => u.agent === 'Orchestrator')!.inputTokens).toBe(320);
    expect(turn.usage.inputTokens).toBe(320 + 200);
  });

  it('hands off in code to the expert the router chose as data (route: structured)', async () => {
    const h = chatHarness(database);
    h.script(
      words('Creative, I think.'),
      words('Creative, I think.'),
      words(JSON.stringify({ expert: 'Creative', reason: 'A brand name.' })),
      reply('Call it Lumen.'),
    );
    const { turn, reply: answer } = await h.api.chat.send({ message: 'Name my candle shop' });
    h.model.assertComplete();
    expect(turn).toMatchObject({ route: 'structured', agents: ['Orchestrator', 'Creative'] });
    expect(turn.handoffs).toEqual([{ from: 'Orchestrator', to: 'Creative', reason: 'A brand name.' }]);
    expect(answer).toMatchObject({ agent: 'Creative', content: 'Call it Lumen.' });
  });

  it('fails with ROUTING_FAILED and stores no reply when no attempt yields an expert', async () => {
    const h = chatHarness(database);
    h.script(
      words('I will hand this over.'),
      words('I will hand this over.'),
      words('{"expert": "Orchestrator", "reason": "me"}'),
    );
    const error = await rejection(h.api.chat.send({ message: 'Name my candle shop' }));
    h.model.assertComplete();
    expect(error.code).toBe('BAD_GATEWAY');
    const { turnId } = error.cause as { turnId: string };
    const history = await h.api.chat.history({ conversationId: (await h.api.conversations.list({})).items[0]!.id });
    expect(history.messages.map((m) => m.role)).toEqual(['user']);
    expect(history.turns.find((t) => t.id === turnId)?.error?.code).toBe('ROUTING_FAILED');
  });
});
