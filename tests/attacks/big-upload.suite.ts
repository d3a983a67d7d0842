// An 18 MB upload against the real server, as the owner's other work goes on: /api/health answers
// and a turn in another conversation completes while its passages are written; the download comes
// back whole, streamed. On Postgres, a passage the database refuses halfway leaves nothing stored
// and none of the file's text in the log.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_LOG_LINE } from '../../server/log-bounds.ts';
import { type AttackTarget, startAttackTarget } from '../support/attack-target.ts';
import { whileProbingHealth } from '../support/health-probe.ts';
import { mutate, query } from '../support/http-api.ts';
import type { DriverKind } from '../support/test-db.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { uploadFile } from '../support/upload.ts';

/** Lines of prose-like words, as a long export or a book is. */
function bigText(bytes: number, marker: string): string {
  const line = Array.from({ length: 12 }, (_, i) => `word${i} candle wax supplier`).join(' ');
  const lines = Array.from({ length: Math.ceil(bytes / (line.length + 1)) }, (_, i) => `${i} ${line}`);
  lines.push(marker);
  return lines.join('\n');
}

export function bigUploadSuite(driver: DriverKind) {
  let target: AttackTarget;
  let postgres: ThrowawayPostgres | undefined;
  beforeAll(async () => {
    postgres = driver === 'postgres' ? await createThrowawayPostgres() : undefined;
    target = await startAttackTarget(postgres ? { DATABASE_URL: postgres.url } : {});
  });
  afterAll(async () => {
    await target?.close();
    await postgres?.drop();
  });

  it('stores an 18 MB file while health answers and another conversation’s turn completes, and streams it back whole', async () => {
    const text = bigText(18 * 1024 * 1024, 'the very last line mentions saffronwick');
    const upload = uploadFile(target.url, { name: 'big-notes.txt', content: text });
    const turn = mutate<{ reply: { content: string } }>(target.url, 'chat.send', { message: 'Are you still there?' });
    const [stored, sent] = await whileProbingHealth(target.url, Promise.all([upload, turn]));
    expect(sent.data!.reply.content).toBe('Echo: Are you still there?');
    expect(stored).toMatchObject({ status: 201, body: { name: 'big-notes.txt', bytes: Buffer.byteLength(text) } });
    const served = await fetch(`${target.url}${stored.body.url as string}`);
    expect(served.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(await served.text()).toBe(text);
    await target.unharmed({ conversations: 1, modelCalls: 2 });
  }, 400_000);

  if (driver !== 'postgres') return;

  it('stores nothing when the database refuses a passage halfway, and logs none of the file’s text', async () => {
    // What "string is too long for tsvector" was: Postgres refusing one passage among thousands.
    const admin = new pg.Client({ connectionString: postgres!.url });
    await admin.connect();
    await admin.query(`create function refuse_planted() returns trigger language plpgsql as $$
      begin if new.text like '%plantedrefusal%' then raise exception 'passage refused'; end if; return new; end $$`);
    await admin.query(
      'create trigger refuse_planted before insert on file_passages for each row execute function refuse_planted()',
    );
    await admin.end();
    const csv = `supplier,notes\n${Array.from({ length: 20_000 }, (_, i) => `Hive & Co ${i},private margin note ${i}`).join('\n')}\nlast,plantedrefusal\n`;
    const answer = await uploadFile(target.url, { name: 'margins.csv', content: csv });
    expect(answer.status).toBe(500);
    expect(answer.body.error!.message).toMatch(/^Something went wrong on the server/);
    const listed = await query<{ items: { name: string }[] }>(target.url, 'files.list', {});
    expect(listed.data!.items.map((f) => f.name)).toEqual(['big-notes.txt']);
    const check = new pg.Client({ connectionString: postgres!.url });
    await check.connect();
    const { rows } = await check.query("select count(*)::int as n from files where name = 'margins.csv'");
    await check.end();
    expect(rows[0].n).toBe(0);
    await expect.poll(() => target.server.output()).toMatch(/request handler failed/);
    const log = target.server.output();
    expect(log).not.toMatch(/private margin note|plantedrefusal|Hive & Co 1/);
    for (const line of log.split('\n')) expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE);
    const failed = JSON.parse(log.split('\n').find((line) => line.includes('request handler failed'))!);
    expect(failed.err.message).toMatch(/^Failed query \(\d+ parameters\)$/);
    expect(failed.err.cause).toMatchObject({ code: 'P0001', message: 'passage refused' });
  }, 120_000);
}
