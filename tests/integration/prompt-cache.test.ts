// What a turn asks of OpenAI's prompt cache, through the SDK's real HTTP path (a local server):
// each conversation's calls share one `prompt_cache_key` and, when configured, a retention; a
// compatible server, which might refuse fields it does not know, is sent neither.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { modelConfigFromEnv, type PromptCacheRetention } from '../../server/agents/model.ts';
import { createAgentRuntime } from '../../server/agents/runtime.ts';
import { parseEnv } from '../../server/env.ts';
import { LocalLock } from '../../server/locks/local-lock.ts';
import { apiOver } from '../support/chat-harness.ts';
import { type FakeOpenAI, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { createTestDatabase } from '../support/test-db.ts';

const quiet = { warn: () => {}, error: () => {} };

function configFrom(source: Record<string, string>) {
  const parsed = parseEnv(source);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const model = modelConfigFromEnv(parsed.env, quiet);
  if (!model.configured) throw new Error('model not configured');
  return model;
}

describe('prompt cache settings', () => {
  let fake: FakeOpenAI;
  let database: Database;

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await fake?.close();
    await database?.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  /** Two turns of one conversation, as a server configured like OpenAI's API would send them. */
  async function converse(promptCacheKeys: boolean, promptCacheRetention: PromptCacheRetention | null) {
    const { provider } = configFrom({ OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'fake-model' });
    const agents = createAgentRuntime({
      provider,
      modelName: 'fake-model',
      tools: { api: 'chat_completions' },
      promptCacheKeys,
      promptCacheRetention,
    });
    fake.setResponder(
      plannedTurns([
        { route: 'Strategic', reply: 'Charge 24 EUR.' },
        { route: 'Media', reply: 'Post reels.' },
      ]),
    );
    const { api } = apiOver(database, agents, { lock: new LocalLock() });
    const first = await api.chat.send({ message: 'Price my candles.' });
    await api.chat.send({ conversationId: first.conversationId, message: 'Plan my Instagram.' });
    return first.conversationId;
  }

  it('sends every call of a conversation, router and expert, its key and the configured retention', async () => {
    const conversationId = await converse(true, '24h');
    expect(fake.requests).toHaveLength(4);
    for (const request of fake.requests) {
      expect(request.prompt_cache_key).toBe(conversationId);
      expect(request.prompt_cache_retention).toBe('24h');
    }
  });

  it('spells in-memory retention the way the API takes it', async () => {
    await converse(true, 'in-memory');
    for (const request of fake.requests) expect(request.prompt_cache_retention).toBe('in_memory');
  });

  it('leaves retention to the API when none is configured, and sends a compatible server neither field', async () => {
    await converse(true, null);
    for (const request of fake.requests) expect(request).not.toHaveProperty('prompt_cache_retention');
    fake.requests.length = 0;
    await converse(false, null);
    expect(fake.requests).toHaveLength(4);
    for (const request of fake.requests) {
      expect(request).not.toHaveProperty('prompt_cache_key');
      expect(request).not.toHaveProperty('prompt_cache_retention');
    }
  });

  it('takes the retention from SWITCHBOARD_CACHE_RETENTION for OpenAI’s API only', () => {
    const openAI = configFrom({ OPENAI_API_KEY: 'sk-test', SWITCHBOARD_CACHE_RETENTION: '24h' });
    expect(openAI).toMatchObject({ promptCacheKeys: true, promptCacheRetention: '24h' });
    expect(configFrom({ OPENAI_API_KEY: 'sk-test' })).toMatchObject({ promptCacheRetention: null });
    const local = configFrom({
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      SWITCHBOARD_MODEL: 'qwen2.5:7b',
      SWITCHBOARD_CACHE_RETENTION: '24h',
    });
    expect(local).toMatchObject({ promptCacheKeys: false, promptCacheRetention: null });
    expect(parseEnv({ SWITCHBOARD_CACHE_RETENTION: '1h' }).ok).toBe(false);
  });
});
