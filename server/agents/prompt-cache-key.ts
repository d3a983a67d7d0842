// A conversation's turns send the same long prefix (instructions, tools, summary, older messages)
// again and again. OpenAI routes requests with one `prompt_cache_key` to the same cache, so each
// conversation names itself: its repeated prefix is billed at the cached-input rate.
import { Runner } from '@openai/agents';

/** A runner like `runner` whose model calls carry `key`; runner-level hooks are not carried over. */
export function withPromptCacheKey(runner: Runner, key: string): Runner {
  const settings = runner.config.modelSettings;
  return new Runner({
    ...runner.config,
    modelSettings: { ...settings, providerData: { ...settings?.providerData, prompt_cache_key: key } },
  });
}
