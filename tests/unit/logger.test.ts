// Logs a person reads in a terminal, JSON for everything else; secrets redacted in both.
import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { MAX_LOG_LINE } from '../../server/log-bounds.ts';
import { createLogger, logFormatFor } from '../../server/logger.ts';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({ write: (chunk, _encoding, done) => void ((text += chunk.toString()), done()) });
  return { stream, text: () => text };
}

describe('server logs', () => {
  it('are readable lines in a terminal and JSON in a pipe, never showing a key', () => {
    expect(logFormatFor({ isTTY: true })).toBe('pretty');
    expect(logFormatFor({ isTTY: undefined })).toBe('json');

    const terminal = sink();
    createLogger('info', 'pretty', terminal.stream).info(
      { url: 'http://127.0.0.1:3000', model: { apiKey: 'sk-SECRET' } },
      'Switchboard is running',
    );
    expect(terminal.text()).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Switchboard is running\n/);
    expect(terminal.text()).toContain('url: "http://127.0.0.1:3000"');
    expect(terminal.text()).not.toContain('sk-SECRET');

    const pipe = sink();
    createLogger('info', 'json', pipe.stream).info({ model: { apiKey: 'sk-SECRET' } }, 'Switchboard is running');
    expect(JSON.parse(pipe.text())).toMatchObject({ level: 30, msg: 'Switchboard is running', model: { apiKey: '[redacted]' } });
  });
});

describe('what a log line holds', () => {
  const privateText = 'Hive & Co wax at 4.20 EUR, our secret margin '.repeat(50_000);

  it('logs a failed query by its type and code, never its parameters, SQL detail or the row', () => {
    const pipe = sink();
    const driver = Object.assign(new Error('string is too long for tsvector (2097152 bytes, max 1048575 bytes)'), {
      code: '54000',
      detail: privateText,
      where: `SQL function "to_tsvector" ${privateText}`,
      query: `insert into file_passages values ('${privateText}')`,
    });
    const failed = new DrizzleQueryError('insert into "file_passages" ("text") values ($1)', [privateText, 42], driver);
    createLogger('info', 'json', pipe.stream).error({ err: failed, rows: [{ text: privateText }] }, 'request failed');
    const line = pipe.text();
    expect(line).not.toContain('secret margin'.repeat(2));
    expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE);
    expect(line).not.toContain('insert into');
    const logged = JSON.parse(line);
    expect(logged.err).toMatchObject({ message: 'Failed query (2 parameters)', cause: { code: '54000' } });
    expect(logged.err.cause.message).toMatch(/too long for tsvector/);
    expect(logged.err.cause).not.toHaveProperty('detail');
    expect(logged.err.stack).toMatch(/^DrizzleQueryError: Failed query \(2 parameters\)\n {4}at /);
  });

  it('keeps every line under the bound, even a huge message or a wide object', () => {
    const pipe = sink();
    const logger = createLogger('info', 'json', pipe.stream);
    logger.warn(privateText);
    logger.info(
      { wide: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, privateText.slice(0, 900)])) },
      'wide',
    );
    logger.info({ bytes: Buffer.alloc(1 << 20) }, 'buffer');
    const lines = pipe.text().trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE);
      expect(JSON.parse(line).level).toBeGreaterThan(0);
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, cutFromChars: expect.any(Number) });
    expect(JSON.parse(lines[2]!)).toMatchObject({ bytes: '[1048576 bytes]' });
  });
});
