// The real server with an SWITCHBOARD_MCP_CONFIG file, as a newcomer writes it (one good server,
// one naming an expert that does not exist, one that is not a server at all) and as an attacker
// meets it: the app starts and says what is wrong, another site cannot add a server or approve a
// call, and neither the API nor the log ever shows an env or header value.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackTarget, startAttackTarget } from '../support/attack-target.ts';
import { mutate, query } from '../support/http-api.ts';
import { type Served, serveShop } from '../support/mcp/shop-http.ts';

const SECRET = 'env-secret-4b1f9e77';
const HEADER_SECRET = 'header-secret-90ad2c';
const SHOP = fileURLToPath(new URL('../support/mcp/shop-stdio.ts', import.meta.url));

type Listed = { id: string; name: string; status: string; error?: string; tools: { name: string; approval: string }[] };

let target: AttackTarget;
let remote: Served;
beforeAll(async () => {
  remote = await serveShop('/dev/null');
  const folder = process.env.TMPDIR ?? '/tmp';
  const config = join(folder, `switchboard-mcp-${process.pid}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      mcpServers: {
        shop: { command: process.execPath, args: [SHOP], env: { SHOP_TOKEN: SECRET }, experts: ['Producing'] },
        calendar: { url: remote.url, headers: { Authorization: `Bearer ${HEADER_SECRET}` }, experts: ['Producer'] },
        broken: { args: ['no command'] },
      },
    }),
  );
  target = await startAttackTarget({ SWITCHBOARD_MCP_CONFIG: config, LOG_LEVEL: 'debug' });
});
afterAll(async () => {
  await target?.close();
  await remote?.close();
});

it('starts with a bad entry in the file, says why in connections.list, and lists the good server with read/write', async () => {
  const list = await query<Listed[]>(target.url, 'connections.list', {});
  const byName = Object.fromEntries(list.data!.map((c) => [c.name, c]));
  expect(byName.shop).toMatchObject({ status: 'ok' });
  expect(byName.shop!.tools).toContainEqual(expect.objectContaining({ name: 'list_orders', approval: 'allow' }));
  expect(byName.shop!.tools).toContainEqual(expect.objectContaining({ name: 'create_discount', approval: 'ask' }));
  expect(byName.calendar).toMatchObject({ status: 'error', error: expect.stringContaining('"Producer" is not an expert') });
  expect(byName.broken).toMatchObject({ status: 'error', error: expect.stringContaining('command') });
  expect(target.server.output()).toMatch(/Producer.{0,4} is not an expert/);
});

it('refuses connections.add and chat.approve from another site, and stores nothing', async () => {
  const add = await mutate(
    target.url,
    'connections.add',
    { name: 'evil', url: 'http://127.0.0.1:1/mcp', experts: ['Producing'] },
    { 'sec-fetch-site': 'cross-site' },
  );
  expect(add.status).toBe(403);
  const approve = await mutate(
    target.url,
    'chat.approve',
    { turnId: '00000000-0000-4000-8000-000000000000', approvalId: 'x', decision: 'approve' },
    { origin: 'https://evil.example' },
  );
  expect(approve.status).toBe(403);
  const list = await query<Listed[]>(target.url, 'connections.list', {});
  expect(list.data!.some((c) => c.name === 'evil')).toBe(false);
});

it('never shows an env or header value, in the API or in the log', async () => {
  const list = await query<Listed[]>(target.url, 'connections.list', {});
  expect(JSON.stringify(list)).not.toContain(SECRET);
  expect(JSON.stringify(list)).not.toContain(HEADER_SECRET);
  expect(target.server.output()).not.toContain(SECRET);
  expect(target.server.output()).not.toContain(HEADER_SECRET);
});
