// The composition root: database, migrations, agents and HTTP server, from a validated env.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { imageServiceFromEnv } from './agents/images.ts';
import { configureTracing, modelConfigFromEnv } from './agents/model.ts';
import { createAgentRuntime } from './agents/runtime.ts';
import type { ToolSettings } from './agents/tools/tool-settings.ts';
import { webSearchMode } from './agents/tools/web-search.ts';
import { connectionsFromEnv } from './connections/from-env.ts';
import { pricingFor } from './cost/pricing.ts';
import type { Env } from './env.ts';
import { type InFlight, trackResponses } from './http/in-flight.ts';
import { requestPolicy } from './http/request-policy.ts';
import { createHttpServer, type Health } from './http-server.ts';
import { createLiveTurns } from './live/live-turns.ts';
import { turnLockFor } from './locks/choose-lock.ts';
import { windowMemory } from './memory/window-memory.ts';
import { createRoutines, type Routines } from './routines/routines.ts';
import { Housekeeping } from './turns/housekeeping.ts';
import { recoverInterruptedTurns } from './turns/interrupted-turns.ts';
import { modelTitles } from './turns/model-title.ts';
import type { TurnDeps } from './turns/run-turn.ts';
import type { RunningTurns } from './turns/running-turns.ts';
import { startSweep } from './turns/sweep.ts';

export type App = {
  server: Server;
  database: Database;
  chat: TurnDeps;
  routines: Routines;
  running: RunningTurns;
  responses: InFlight;
  url: string;
  /** Turns new requests away (503); requests in flight go on. */
  stopAccepting(): void;
  close(): Promise<void>;
};

const distRoot = fileURLToPath(new URL('../dist', import.meta.url));

export async function startApp(env: Env, logger: Logger): Promise<App> {
  configureTracing(env);
  const database = await openDatabase(
    env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, lockPoolSize: env.DATABASE_LOCK_POOL_SIZE }
      : { kind: 'pglite', dataDir: env.SWITCHBOARD_DATA_DIR },
  );
  // A start that fails after this point closes the database (and frees PGlite's folder) before it exits.
  return startOn(database, env, logger).catch(async (error: unknown) => {
    await database.close().catch(() => {});
    throw error;
  });
}

async function startOn(database: Database, env: Env, logger: Logger): Promise<App> {
  await migrate(database);
  const lock = turnLockFor(database);
  const interrupted = await recoverInterruptedTurns(database.db, lock);
  if (interrupted) logger.warn({ interrupted }, 'turns interrupted by a previous stop were marked failed');

  const model = modelConfigFromEnv(env, logger);
  const images = model.configured ? imageServiceFromEnv(env, logger) : null;
  const tools: ToolSettings = { api: model.api, searxngUrl: env.SEARXNG_URL, ...(images ? { images } : {}) };
  const agents = createAgentRuntime({
    provider: model.configured ? model.provider : null,
    modelName: model.name,
    routerModelName: model.routerName,
    tools,
    modelTimeoutMs: model.timeoutMs,
    promptCacheKeys: model.configured && model.promptCacheKeys,
    promptCacheRetention: model.configured ? model.promptCacheRetention : null,
  });
  const live = createLiveTurns({ database, logger });
  await live.ready;
  const { running } = live;
  const connections = connectionsFromEnv(database.db, env.SWITCHBOARD_MCP_CONFIG, logger);
  const chat: TurnDeps = {
    db: database.db,
    agents,
    memory: windowMemory(database.db, {
      budget: env.SWITCHBOARD_MEMORY_TOKENS,
      routerBudget: env.SWITCHBOARD_ROUTER_CONTEXT_TOKENS,
      profileBudget: env.SWITCHBOARD_PROFILE_TOKENS,
      logger,
    }),
    lock,
    logger,
    running,
    live,
    pricing: pricingFor(env),
    connections,
    housekeeping: new Housekeeping(logger),
    ...(agents.runner
      ? {
          nameConversation: modelTitles({
            db: database.db,
            runner: agents.runner,
            model: agents.routerModelName === agents.modelName ? undefined : agents.routerModelName,
            logger,
          }),
        }
      : {}),
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
      webSearch: model.configured ? webSearchMode(tools) : 'none',
      images: images?.mode ?? 'off',
    };
  };
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  // The address is known once listening; a link made before then has only the configured port.
  let url = `http://${host}:${env.PORT}`;
  const routines = createRoutines({
    chat,
    database,
    databaseUrl: env.DATABASE_URL,
    notifyUrl: env.SWITCHBOARD_NOTIFY_URL,
    publicUrl: () => env.SWITCHBOARD_PUBLIC_URL ?? url,
  });
  let draining = false;
  const server = createHttpServer({
    chat,
    connections,
    routines,
    health,
    token: env.SWITCHBOARD_TOKEN,
    uploadMaxBytes: env.SWITCHBOARD_UPLOAD_MAX_BYTES,
    policy: requestPolicy({
      host: env.HOST,
      allowedHosts: env.SWITCHBOARD_ALLOWED_HOSTS,
      tokenSet: Boolean(env.SWITCHBOARD_TOKEN),
    }),
    staticRoot: distRoot,
    logger,
    isDraining: () => draining,
  });
  const responses = trackResponses(server);
  await listen(server, env.PORT, env.HOST).catch((error: unknown) => {
    live.close();
    throw error;
  });
  const sweep = startSweep({ db: database.db, lock, logger }, env.SWITCHBOARD_SWEEP_MS);
  const { port } = server.address() as AddressInfo;
  url = `http://${host}:${port}`;
  // In the background: the job engine's first start creates its schema (see README Routines).
  routines
    .start()
    .catch((err: unknown) => logger.error({ err }, 'the routines scheduler could not start; routines will not run'));
  return {
    server,
    database,
    chat,
    routines,
    running,
    responses,
    url,
    stopAccepting() {
      // Not server.close(): Node counts a connection whose request was read but not yet answered
      // as idle and would cut it, dropping exactly the turns this waits for.
      draining = true;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sweep.stop();
      // Whatever is left after shutdown's grace (or on a close without one) is abandoned, safely.
      await chat.housekeeping.drain(0);
      await routines.stop();
      live.close();
      await connections.close();
      await database.close();
    },
  };
}

/** Rejects with the listen error (a taken port, an unknown host) instead of leaving it uncaught. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
