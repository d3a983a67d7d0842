// A newcomer pointing Switchboard at a local server: the model must be named, and that server's
// tokens are never priced as OpenAI's unless the user says its prices are OpenAI's.
import { describe, expect, it } from 'vitest';
import { costUsd, pricingFor } from '../../server/cost/pricing.ts';
import { parseEnv } from '../../server/env.ts';

describe('a model on another server', () => {
  it('refuses to start with OPENAI_BASE_URL but no SWITCHBOARD_MODEL, saying what to set', () => {
    const parsed = parseEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(parsed).toEqual({ ok: false, problems: [expect.stringMatching(/^SWITCHBOARD_MODEL: required with OPENAI_BASE_URL/)] });
    expect(parseEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', SWITCHBOARD_MODEL: '  ' }).ok).toBe(false);
    expect(parseEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', SWITCHBOARD_MODEL: 'qwen2.5:7b' }).ok).toBe(true);
    expect(parseEnv({ OPENAI_API_KEY: 'sk-test' }).ok).toBe(true);
  });

  it("prices OpenAI's API only, even for a model named like one of OpenAI's, unless told otherwise", () => {
    expect(pricingFor({})).toBe('openai');
    expect(pricingFor({ OPENAI_BASE_URL: 'https://api.openai.com/v1' })).toBe('openai');
    expect(pricingFor({ OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' })).toBe('none');
    expect(pricingFor({ OPENAI_BASE_URL: 'https://api.openai.com.evil.example/v1' })).toBe('none');
    expect(pricingFor({ OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1', SWITCHBOARD_PRICES: 'openai' })).toBe('openai');
    expect(pricingFor({ SWITCHBOARD_PRICES: 'none' })).toBe('none');

    expect(costUsd('none', 'gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 })).toBeNull();
    expect(costUsd('openai', 'gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 })).toBe(0.15);
  });
});
