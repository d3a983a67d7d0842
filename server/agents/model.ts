// Chooses the model provider from the environment: OpenAI, or any OpenAI-compatible server.
import type { ModelProvider } from '@openai/agents';
import { OpenAIProvider, setTracingDisabled } from '@openai/agents';
import type { Env } from '../env.ts';

export type ModelApi = 'responses' | 'chat_completions';

export type ModelConfig =
  | { configured: true; api: ModelApi; name: string | null; provider: ModelProvider }
  | { configured: false; api: ModelApi; name: string | null };

export function modelConfigFromEnv(env: Env): ModelConfig {
  const api: ModelApi = env.OPENAI_API ?? (env.OPENAI_BASE_URL ? 'chat_completions' : 'responses');
  const name = env.SWITCHBOARD_MODEL ?? null;
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return { configured: false, api, name };
  const provider = new OpenAIProvider({
    // Local servers (Ollama, vLLM) ignore the key, but the client library insists on one.
    apiKey: env.OPENAI_API_KEY ?? 'not-needed',
    baseURL: env.OPENAI_BASE_URL,
    useResponses: api === 'responses',
  });
  return { configured: true, api, name, provider };
}

/** Importing the SDK installs an exporter that posts traces to OpenAI; keep it off unless asked. */
export function configureTracing(env: Env): void {
  setTracingDisabled(env.SWITCHBOARD_TRACING !== 'openai');
}

export const NOT_CONFIGURED_MESSAGE =
  'No model is configured. Set OPENAI_API_KEY (OpenAI), or OPENAI_BASE_URL for an OpenAI-compatible server such as Ollama or vLLM, then restart Switchboard and retry.';
