// Shapes the API sends, inferred from the router type alone (no server code reaches the bundle).
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../server/routers/index.ts';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type History = RouterOutputs['chat']['history'];
export type Message = History['messages'][number];
export type Turn = History['turns'][number];
export type ConversationItem = RouterOutputs['conversations']['list']['items'][number];
export type MemoryStatus = RouterOutputs['chat']['memory'];
export type AgentUsage = RouterOutputs['stats']['agentUsage'][number];
export type TurnEvent = RouterOutputs['chat']['stream'] extends AsyncIterable<infer E> ? E : never;
export type ToolEvent = Extract<TurnEvent, { type: 'tool' }>;
export type Fact = RouterOutputs['profile']['get']['facts'][number];
export type Business = RouterOutputs['businesses']['list']['items'][number];
