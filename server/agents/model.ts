// Chooses the model provider from the environment: OpenAI, or any OpenAI-compatible server.
import type { ModelProvider } from '@openai/agents';
import { OpenAIProvider, setTracingDisabled } from '@openai/agents';
import OpenAI from 'openai';
import type { Env } from '../env.ts';
import { openAILogger, type WarnLogger } from './openai-logger.ts';

export type ModelApi = 'responses' | 'chat_completions';

export type ModelConfig =
  | { configured: true; api: ModelApi; name: string | null; provider: ModelProvider; timeoutMs: number }
  | { configured: false; api: ModelApi; name: string | null; timeoutMs: number };

/**
 * Attempts after the first for 408/409/429/5xx and dropped connections, with the client's
 * exponential backoff (0.5 s doubling to 8 s, honouring Retry-After). Retries happen only before
 * a reply starts streaming, so a user never sees an answer twice.
 */
export const MODEL_RETRIES = 2;

export function modelConfigFromEnv(env: Env, logger: WarnLogger): ModelConfig {
  const api: ModelApi = env.OPENAI_API ?? (env.OPENAI_BASE_URL ? 'chat_completions' : 'responses');
  const name = env.SWITCHBOARD_MODEL ?? null;
  const timeoutMs = env.SWITCHBOARD_MODEL_TIMEOUT_MS;
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return { configured: false, api, name, timeoutMs };
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
  return { configured: true, api, name, provider, timeoutMs };
}

/** Importing the SDK installs an exporter that posts traces to OpenAI; keep it off unless asked. */
export function configureTracing(env: Env): void {
  setTracingDisabled(env.SWITCHBOARD_TRACING !== 'openai');
}
