// The API: `AppRouter` is the whole typed surface a TypeScript client needs.
import { createCallerFactory, router } from '../trpc.ts';
import { businessesRouter } from './businesses.ts';
import { chatRouter } from './chat.ts';
import { connectionsRouter } from './connections.ts';
import { conversationsRouter } from './conversations.ts';
import { documentsRouter } from './documents.ts';
import { filesRouter } from './files.ts';
import { profileRouter } from './profile.ts';
import { routinesRouter } from './routines.ts';
import { statsRouter } from './stats.ts';

export const appRouter = router({
  chat: chatRouter,
  conversations: conversationsRouter,
  files: filesRouter,
  stats: statsRouter,
  businesses: businessesRouter,
  profile: profileRouter,
  documents: documentsRouter,
  connections: connectionsRouter,
  routines: routinesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
