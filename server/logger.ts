// Structured logs; anything that could carry a secret is redacted before it is written.
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['*.apiKey', '*.token', '*.authorization', '*.headers.authorization', 'req.headers.authorization', '*.prompt', '*.input'],
      censor: '[redacted]',
    },
  });
}
