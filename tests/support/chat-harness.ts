// A tRPC caller over a test database and a scripted model: the API as a program would use it.
import type { ScriptedModelInput } from '@openai/agents/testing';
import { type Logger, pino } from 'pino';
import type { Database } from '../../db/client.ts';
import type { ToolSettings } from '../../server/agents/tools/tool-settings.ts';
import { createLiveTurns } from '../../server/live/live-turns.ts';
import { turnLockFor } from '../../server/locks/choose-lock.ts';
import type { TurnLock } from '../../server/locks/turn-lock.ts';
import { windowMemory } from '../../server/memory/window-memory.ts';
import { createCaller } from '../../server/routers/index.ts';
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
  } = {},
) {
  const { runtime, model, team } = scriptedRuntime([], {
    tools: options.tools,
    modelName: options.modelName,
    routerModelName: options.routerModelName,
  });
  const logger = options.logger ?? pino({ level: 'silent' });
  const lock = options.lock ?? turnLockFor(database);
  const live = createLiveTurns({ database, logger });
  const chat: TurnDeps = {
    db: database.db,
    agents: runtime,
    memory: windowMemory(database.db, {
      budget: options.memoryBudget ?? 8000,
      routerBudget: options.routerBudget,
      profileBudget: options.profileBudget,
      logger,
    }),
    logger,
    lock,
    running: live.running,
    live,
    pricing: 'openai',
  };
  const api = createCaller({ chat, authorized: true });
  return {
    api,
    chat,
    model,
    team,
    script: (...steps: ScriptedModelInput[]) => model.enqueue(...steps),
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
