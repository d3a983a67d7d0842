// Logs a person reads in a terminal, JSON for everything else; secrets redacted in both.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
