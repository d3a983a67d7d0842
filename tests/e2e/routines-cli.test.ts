// Routines through the real server (PGlite on disk, pg-boss started in the background) and the
// CLI: `switchboard routines`, `switchboard routine run`, SWITCHBOARD_NOTIFY_URL, bad input in words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutineDto } from '../../server/routines/routine-dto.ts';
import { type FakeOpenAI, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { until } from '../support/routines-harness.ts';
import { runCli } from '../support/run-cli.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { webhookListener } from '../support/webhook-listener.ts';

describe('routines through the server and the CLI', () => {
  let fake: FakeOpenAI;
  let server: ServerProcess;
  let listener: Awaited<ReturnType<typeof webhookListener>>;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    listener = await webhookListener();
    dir = mkdtempSync(join(tmpdir(), 'switchboard-routines-'));
    server = await startServer({
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_MODEL: 'gpt-4o-mini',
      SWITCHBOARD_DATA_DIR: join(dir, 'data'),
      SWITCHBOARD_NOTIFY_URL: listener.url,
    });
    env = { SWITCHBOARD_URL: server.url };
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    await listener?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /api/health while the job engine starts', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    await until(async () => server.output().includes('routines scheduler started'), 'the scheduler to start', 60_000);
  });

  it('creates a routine, lists it, runs it now and tells the notify URL', async () => {
    const created = await mutate<RoutineDto>(server.url, 'routines.create', {
      title: 'Monday numbers',
      prompt: 'Sum up last week’s sales.',
      schedule: { cron: '0 9 * * 1', timezone: 'Europe/Berlin' },
      expert: 'Strategic',
    });
    const routine = created.data!;
    expect(routine.nextRunAt).toMatch(/T0[78]:00:00\.000Z$/);

    const listed = await runCli(['routines'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${routine.id}  Monday numbers  (0 9 * * 1 Europe/Berlin, Strategic; next `);

    fake.setResponder(plannedTurns([{ route: 'Strategic', reply: 'Sales were up 12%.' }]));
    const run = await runCli(['routine', 'run', routine.id], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Sales were up 12%.\n');
    expect(run.stderr).toContain('→ completed (Strategic)');
    await until(async () => listener.received.length > 0, 'the notification');
    expect(listener.received[0]!.body).toMatchObject({
      routine: { id: routine.id, title: 'Monday numbers' },
      turn: { status: 'completed' },
      excerpt: 'Sales were up 12%.',
      url: expect.stringMatching(new RegExp(`^${server.url}/c/${routine.conversationId}\\?turn=`)),
    });
  });

  it('refuses a bad schedule with a sentence naming the field', async () => {
    const refused = await mutate(server.url, 'routines.create', {
      title: 'Too often',
      prompt: 'Hi',
      schedule: { cron: '* * * * * *', timezone: 'Europe/Berlin' },
    });
    expect(refused.error).toMatchObject({
      code: -32600,
      message: 'schedule.cron: runs more often than once a minute: a routine runs at most every minute ("* * * * *")',
    });
    const { data } = await query<{ items: RoutineDto[] }>(server.url, 'routines.list');
    expect(data!.items.map((r) => r.title)).toEqual(['Monday numbers']);
    const missing = await runCli(['routine', 'run', crypto.randomUUID()], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No routine has this id');
  });
});
