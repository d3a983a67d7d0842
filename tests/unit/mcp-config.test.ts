// SWITCHBOARD_MCP_CONFIG as people write it, and as they get it wrong: each mistake is one
// sentence naming the file or the server, never an exception.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { needsYes } from '../../server/connections/approval-rules.ts';
import { readConfigFile } from '../../server/connections/config-file.ts';
import { toolName } from '../../server/connections/mcp-tools.ts';

const folder = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(content: string): string {
  const path = join(folder, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, content);
  return path;
}

it('reads the Claude Desktop shape with Switchboard keys, resolving relative paths against the file', () => {
  const path = file(
    JSON.stringify({
      mcpServers: {
        shop: { command: 'node', args: ['./shop.js', '--port', '1'], env: { KEY: 'v' }, experts: ['Producing'] },
        calendar: { url: 'https://cal.example/mcp', headers: { Authorization: 'Bearer t' }, approval: { never: ['create_*'] } },
      },
    }),
  );
  const config = readConfigFile(path);
  expect(config.problem).toBeNull();
  expect(config.broken).toEqual([]);
  expect(config.servers).toEqual([
    expect.objectContaining({ name: 'shop', command: 'node', args: [join(folder, 'shop.js'), '--port', '1'], cwd: folder }),
    expect.objectContaining({ name: 'calendar', transport: 'http', experts: [], approval: { ask: [], never: ['create_*'] } }),
  ]);
});

it.each([
  ['a missing file', null, 'no such file'],
  ['a file that is not JSON', '{ mcpServers: ', 'not valid JSON'],
  ['a file without mcpServers', '{"servers": {}}', '"mcpServers" object'],
])('says so for %s and loads no server', (_, content, sentence) => {
  const config = readConfigFile(content === null ? join(folder, 'nope.json') : file(content));
  expect(config.servers).toEqual([]);
  expect(config.problem).toContain(sentence);
});

it('keeps the good servers when one names an unknown expert or has no command', () => {
  const config = readConfigFile(
    file(JSON.stringify({ mcpServers: { ok: { command: 'x' }, typo: { command: 'y', experts: ['Stratgic'] }, empty: {} } })),
  );
  expect(config.servers.map((s) => s.name)).toEqual(['ok']);
  expect(config.broken.map((b) => b.error)).toEqual([
    expect.stringMatching(/"typo".*"Stratgic" is not an expert \(experts: Strategic, Creative, Producing, Media\)/),
    expect.stringMatching(/"empty": command/),
  ]);
});

it('runs reads, asks for writes, and lets the config and the owner say otherwise', () => {
  const none = { ask: [], never: [] };
  expect(needsYes({ name: 'list_orders', readOnly: true }, none, false)).toBe(false);
  expect(needsYes({ name: 'create_discount', readOnly: false }, none, false)).toBe(true);
  expect(needsYes({ name: 'create_discount', readOnly: false }, { ask: [], never: ['create_*'] }, false)).toBe(false);
  expect(needsYes({ name: 'list_orders', readOnly: true }, { ask: ['list_?rders'], never: [] }, false)).toBe(true);
  expect(needsYes({ name: 'create_discount', readOnly: false }, none, true)).toBe(false);
});

it('names tools <server>__<tool> with only safe characters, at most 64 of them', () => {
  expect(toolName('shop', 'list orders.v2')).toBe('shop__list_orders_v2');
  expect(toolName('s', 'x'.repeat(100))).toHaveLength(64);
});
