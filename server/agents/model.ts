// Chooses the model provider from the environment: OpenAI, or any OpenAI-compatible server.
import type { ModelProvider } from '@openai/agents';
import { OpenAIProvider, setTracingDisabled } from '@openai/agents';
import OpenAI from 'openai';
import type { Env } from '../env.ts';
import { openAILogger, type WarnLogger } from './openai-logger.ts';

export type ModelApi = 'responses' | 'chat_completions';

/** OpenAI's `prompt_cache_retention`, as the SDK spells it. */
export type PromptCacheRetention = '24h' | 'in-memory';

type Names = { name: string | null; routerName: string | null };

export type ModelConfig = Names &
  (
    | {
        configured: true;
        api: ModelApi;
        provider: ModelProvider;
        timeoutMs: number;
        promptCacheKeys: boolean;
        /** Null: the API's own default (or not OpenAI's API, which may refuse the field). */
        promptCacheRetention: PromptCacheRetention | null;
      }
    | { configured: false; api: ModelApi; timeoutMs: number }
  );

/**
 * Attempts after the first for 408/409/429/5xx and dropped connections, with the client's
 * exponential backoff (0.5 s doubling to 8 s, honouring Retry-After). Retries happen only before
 * a reply starts streaming, so a user never sees an answer twice.
 */
export const MODEL_RETRIES = 2;

export function modelConfigFromEnv(env: Env, logger: WarnLogger): ModelConfig {
  const api: ModelApi = env.OPENAI_API ?? (env.OPENAI_BASE_URL ? 'chat_completions' : 'responses');
  const name = env.SWITCHBOARD_MODEL ?? null;
  const routerName = env.SWITCHBOARD_ROUTER_MODEL ?? null;
  const timeoutMs = env.SWITCHBOARD_MODEL_TIMEOUT_MS;
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return { configured: false, api, name, routerName, timeoutMs };
  const client = new OpenAI({
    // Local servers (Ollama, vLLM) ignore the key, but the client library insists on one.
    apiKey: env.OPENAI_API_KEY ?? 'not-needed',
    baseURL: env.OPENAI_BASE_URL,
    timeout: timeoutMs,
    maxRetries: MODEL_RETRIES,
    logger: openAILogger(logger),
    logLevel: 'warn',
  });
  const provider = new OpenAIProvider({ openAIClient: client, useResponses: api === 'responses' });
  const openAI = isOpenAI(env);
  const promptCacheRetention = openAI ? (env.SWITCHBOARD_CACHE_RETENTION ?? null) : null;
  return { configured: true, api, name, routerName, provider, timeoutMs, promptCacheKeys: openAI, promptCacheRetention };
}

/** OpenAI's own API: it knows `prompt_cache_key`; another server might refuse a field it does not know. */
export function isOpenAI(env: Pick<Env, 'OPENAI_BASE_URL'>): boolean {
  return !env.OPENAI_BASE_URL || new URL(env.OPENAI_BASE_URL).hostname === 'api.openai.com';
}

/** Importing the SDK installs an exporter that posts traces to OpenAI; keep it off unless asked. */
export function configureTracing(env: Env): void {
  setTracingDisabled(env.SWITCHBOARD_TRACING !== 'openai');
}
