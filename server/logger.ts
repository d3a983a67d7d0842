// Structured logs; anything that could carry a secret is redacted before it is written. JSON
// lines for log collectors, or pino-pretty's readable lines when a person watches a terminal.
import { type DestinationStream, type Logger, pino } from 'pino';
import pretty, { type PrettyOptions } from 'pino-pretty';
import { boundLine, boundLogObject } from './log-bounds.ts';

export type LogFormat = 'json' | 'pretty';

const PRETTY: PrettyOptions = { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true };

export function createLogger(level: string, format: LogFormat = 'json', destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: [
        '*.apiKey',
        '*.token',
        '*.authorization',
        '*.headers.authorization',
        'req.headers.authorization',
        '*.prompt',
        '*.input',
      ],
      censor: '[redacted]',
    },
    // Every log object, whatever logged it: errors without the data they carried, strings cut short.
    formatters: { log: boundLogObject },
    serializers: { err: (error: unknown) => error },
    hooks: { streamWrite: boundLine },
  };
  if (format === 'pretty') return pino(options, pretty({ ...PRETTY, ...(destination ? { destination, colorize: false } : {}) }));
  return destination ? pino(options, destination) : pino(options);
}

/** Readable lines when stdout is a terminal, JSON when it is a file, a pipe or a log collector. */
export const logFormatFor = (stdout: { isTTY?: boolean }): LogFormat => (stdout.isTTY ? 'pretty' : 'json');
