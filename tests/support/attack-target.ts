// The real server as an attacker meets it: its own process, PGlite on disk, a local fake model
// that counts every call. `unharmed()` is what each attack test ends with: the process still
// serves /api/health, nothing was stored and no model token was spent.
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { echoTurns, type FakeOpenAI, type FakeOptions, startFakeOpenAI } from './fake-openai.ts';
import { query } from './http-api.ts';
import { type ServerProcess, startServer } from './server-process.ts';

export type AttackTarget = {
  url: string;
  server: ServerProcess;
  fake: FakeOpenAI;
  dataDir: string;
  /** Headers a legitimate caller sends (the token, when the server has one). */
  own: Record<string, string>;
  conversationCount(): Promise<number>;
  unharmed(expected?: { conversations?: number; modelCalls?: number }): Promise<void>;
  close(): Promise<void>;
};

export async function startAttackTarget(env: Record<string, string> = {}, fakeOptions: FakeOptions = {}): Promise<AttackTarget> {
  const fake = await startFakeOpenAI(echoTurns(), fakeOptions);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-attack-'));
  const server = await startServer({
    SWITCHBOARD_DATA_DIR: dataDir,
    OPENAI_BASE_URL: fake.url,
    SWITCHBOARD_MODEL: 'fake-model',
    ...env,
  });
  const own: Record<string, string> = env.SWITCHBOARD_TOKEN ? { authorization: `Bearer ${env.SWITCHBOARD_TOKEN}` } : {};

  async function conversationCount(): Promise<number> {
    const list = await query<{ items: unknown[] }>(server.url, 'conversations.list', { limit: 100 }, own);
    if (list.error) throw new Error(`conversations.list failed: ${list.error.message}`);
    return list.data.items.length;
  }

  return {
    url: server.url,
    server,
    fake,
    dataDir,
    own,
    conversationCount,
    async unharmed(expected = {}) {
      expect(server.child.exitCode, 'the server process exited').toBeNull();
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
      expect(await conversationCount()).toBe(expected.conversations ?? 0);
      expect(fake.requests.length, 'model calls').toBe(expected.modelCalls ?? 0);
    },
    async close() {
      await server.stop();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A raw request, for what fetch() would normalize away (broken escapes, odd Host headers). */
export async function rawRequest(
  base: string,
  request: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: request.method ?? 'GET', path: request.path, headers: request.headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}
