// The OpenAI client's own diagnostics, routed into our structured log. Only the client's message
// is kept: its extra arguments can carry request details (prompts, headers) that must not be logged.
import type { ClientOptions } from 'openai';

type OpenAILogger = NonNullable<ClientOptions['logger']>;

export type WarnLogger = { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

export function openAILogger(logger: WarnLogger): OpenAILogger {
  const drop = () => {};
  return {
    error: (message) => logger.error({ source: 'openai' }, message),
    warn: (message) => logger.warn({ source: 'openai' }, message),
    info: drop,
    debug: drop,
  };
}
