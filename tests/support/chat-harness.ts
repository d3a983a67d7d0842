// A tRPC caller over a test database and a scripted model: the API as a program would use it.
import type { ScriptedModelInput } from '@openai/agents/testing';
import { type Logger, pino } from 'pino';
import type { Database } from '../../db/client.ts';
import type { AgentRuntime } from '../../server/agents/runtime.ts';
import type { ToolSettings } from '../../server/agents/tools/tool-settings.ts';
import type { Connections } from '../../server/connections/connections.ts';
import type { TurnTools } from '../../server/connections/turn-tools.ts';
import type { Pricing } from '../../server/cost/pricing.ts';
import { createLiveTurns } from '../../server/live/live-turns.ts';
import { turnLockFor } from '../../server/locks/choose-lock.ts';
import type { TurnLock } from '../../server/locks/turn-lock.ts';
import { windowMemory } from '../../server/memory/window-memory.ts';
import { createCaller } from '../../server/routers/index.ts';
import { createRoutines, type Routines } from '../../server/routines/routines.ts';
import { Housekeeping } from '../../server/turns/housekeeping.ts';
import type { TurnDeps } from '../../server/turns/run-turn.ts';
import { scriptedRuntime } from './scripted-runtime.ts';

export function chatHarness(
  database: Database,
  options: {
    memoryBudget?: number;
    routerBudget?: number;
    profileBudget?: number;
    tools?: ToolSettings;
    modelName?: string;
    routerModelName?: string;
    logger?: Logger;
    lock?: TurnLock;
    connections?: TurnTools;
    /** connections.* see these; turns too unless `connections` gives turns their own. */
    registry?: Connections;
  } = {},
) {
  const { runtime, model, team } = scriptedRuntime([], {
    tools: options.tools,
    modelName: options.modelName,
    routerModelName: options.routerModelName,
  });
  const { api, chat } = apiOver(database, runtime, { ...options, pricing: 'openai' });
  return {
    api,
    chat,
    model,
    team,
    script: (...steps: ScriptedModelInput[]) => model.enqueue(...steps),
  };
}

/** The API over `agents` (a scripted runtime, or a real provider on a local fake server). */
export function apiOver(
  database: Database,
  agents: AgentRuntime,
  options: {
    memoryBudget?: number;
    routerBudget?: number;
    profileBudget?: number;
    logger?: Logger;
    lock?: TurnLock;
    pricing?: Pricing;
    connections?: TurnTools;
    registry?: Connections;
    routines?: Routines;
  } = {},
) {
  const logger = options.logger ?? pino({ level: 'silent' });
  const live = createLiveTurns({ database, logger });
  const chat: TurnDeps = {
    db: database.db,
    agents,
    memory: windowMemory(database.db, {
      budget: options.memoryBudget ?? 8000,
      routerBudget: options.routerBudget,
      profileBudget: options.profileBudget,
      logger,
    }),
    logger,
    lock: options.lock ?? turnLockFor(database),
    running: live.running,
    live,
    pricing: options.pricing ?? 'none',
    housekeeping: new Housekeeping(logger),
  };
  const connections = options.connections ?? options.registry;
  if (connections) chat.connections = connections;
  // Built, never started: a suite that does not use routines opens no job engine.
  const routines = options.routines ?? createRoutines({ chat, database, publicUrl: () => 'http://127.0.0.1' });
  return {
    api: createCaller({ chat, routines, authorized: true, ...(options.registry ? { connections: options.registry } : {}) }),
    chat,
    routines,
  };
}

/** Runs a promise expected to reject with a tRPC error and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string; cause?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; cause?: unknown };
  }
  throw new Error('expected the call to fail');
}
