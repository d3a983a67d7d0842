// The check as a newcomer does it, from the terminal: an mcpServers file naming the test
// shop for Producing; "create a 10% spring discount code" stops and asks; the app is restarted;
// `switchboard approve` runs the code's creation exactly once and the reply says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.ts';
import { shopConfig } from '../support/mcp/shop-config.ts';
import { shopkeeper } from '../support/mcp/shopkeeper.ts';
import { runCli } from '../support/run-cli.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

let folder: string;
let fake: FakeOpenAI;
let server: ServerProcess;
let env: Record<string, string>;
let runs: () => string[];
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-cli-approvals-'));
  const config = shopConfig(folder);
  runs = config.runs;
  fake = await startFakeOpenAI(shopkeeper);
  env = {
    SWITCHBOARD_DATA_DIR: join(folder, 'data'),
    OPENAI_BASE_URL: fake.url,
    SWITCHBOARD_MODEL: 'fake-model',
    SWITCHBOARD_MCP_CONFIG: config.path,
  };
  server = await startServer(env);
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  rmSync(folder, { recursive: true, force: true });
});

it('asks, survives a restart, and runs the approved call once', async () => {
  const sent = await runCli(['send', 'Create a 10% spring discount code'], { SWITCHBOARD_URL: server.url });
  expect(sent.code).toBe(0);
  expect(sent.stderr).toContain('Waiting for your approval');
  expect(sent.stderr).toMatch(/Producing wants to run create_discount on shop \(code: "SPRING10", percent: 10\)/);
  expect(runs()).toEqual([]);

  await server.stop();
  server = await startServer(env);

  const listed = await runCli(['approvals'], { SWITCHBOARD_URL: server.url });
  const id = listed.stdout.split(/\s+/)[0]!;
  expect(listed.stdout).toContain('create_discount on shop');

  const approved = await runCli(['approve', id], { SWITCHBOARD_URL: server.url });
  expect(approved.code).toBe(0);
  expect(approved.stdout).toContain('Done: SPRING10 gives 10% off.');
  expect(runs()).toEqual([JSON.stringify({ code: 'SPRING10', percent: 10 })]);

  const again = await runCli(['approve', id], { SWITCHBOARD_URL: server.url });
  expect(again.code).toBe(1);
  expect(again.stderr).toContain(`No call waits with id ${id}`);
  expect(runs()).toHaveLength(1);
});
