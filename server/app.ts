// The composition root: database, migrations, agents and HTTP server, from a validated env.
import { sql } from 'drizzle-orm';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { configureTracing, modelConfigFromEnv } from './agents/model.ts';
import { pricingFor } from './cost/pricing.ts';
import { createAgentRuntime } from './agents/runtime.ts';
import { webSearchFor } from './agents/web-search.ts';
import type { Env } from './env.ts';
import { createHttpServer, type Health } from './http-server.ts';
import { turnLockFor } from './turns/choose-lock.ts';
import type { ChatDeps } from './turns/chat-service.ts';
import { recoverInterruptedTurns } from './turns/interrupted-turns.ts';

export type App = { server: Server; database: Database; chat: ChatDeps; url: string; close(): Promise<void> };

const distRoot = fileURLToPath(new URL('../dist', import.meta.url));

export async function startApp(env: Env, logger: Logger): Promise<App> {
  configureTracing(env);
  const database = await openDatabase(
    env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, lockPoolSize: env.DATABASE_LOCK_POOL_SIZE }
      : { kind: 'pglite', dataDir: env.SWITCHBOARD_DATA_DIR },
  );
  await migrate(database);
  const lock = turnLockFor(database);
  const interrupted = await recoverInterruptedTurns(database.db, lock);
  if (interrupted) logger.warn({ interrupted }, 'turns interrupted by a previous stop were marked failed');

  const model = modelConfigFromEnv(env, logger);
  const search = webSearchFor(model.api, env.SEARXNG_URL);
  const agents = createAgentRuntime({
    provider: model.configured ? model.provider : null,
    modelName: model.name,
    webSearch: search.tool,
    modelTimeoutMs: model.timeoutMs,
  });
  const chat: ChatDeps = {
    db: database.db,
    agents,
    memoryBudget: env.SWITCHBOARD_MEMORY_TOKENS,
    lock,
    logger,
    pricing: pricingFor(env),
  };
  const health = async (): Promise<Health> => {
    const ok = await database.db.execute(sql`select 1`).then(
      () => true,
      () => false,
    );
    return {
      ok,
      database: database.kind,
      model: { configured: model.configured, api: model.api, name: agents.modelName },
      webSearch: model.configured ? search.mode : 'none',
    };
  };
  const server = createHttpServer({
    chat,
    health,
    token: env.SWITCHBOARD_TOKEN,
    staticRoot: distRoot,
    exposeStacks: env.NODE_ENV === 'development',
    logger,
  });
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return {
    server,
    database,
    chat,
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
