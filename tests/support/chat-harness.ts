// A tRPC caller over a test database and a scripted model: the API as a program would use it.
import type { ScriptedModelInput } from '@openai/agents/testing';
import type { Tool } from '@openai/agents';
import { pino, type Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import { createCaller } from '../../server/routers/index.ts';
import { turnLockFor } from '../../server/turns/choose-lock.ts';
import type { TurnLock } from '../../server/turns/turn-lock.ts';
import type { ChatDeps } from '../../server/turns/chat-service.ts';
import { scriptedRuntime } from './scripted-runtime.ts';

export function chatHarness(
  database: Database,
  options: { memoryBudget?: number; webSearch?: Tool; modelName?: string; logger?: Logger; lock?: TurnLock } = {},
) {
  const { runtime, model, team } = scriptedRuntime([], { webSearch: options.webSearch, modelName: options.modelName });
  const chat: ChatDeps = {
    db: database.db,
    agents: runtime,
    memoryBudget: options.memoryBudget ?? 8000,
    logger: options.logger ?? pino({ level: 'silent' }),
    lock: options.lock ?? turnLockFor(database),
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
