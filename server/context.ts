// What every procedure gets: the chat dependencies and who is asking.
import type { ChatDeps } from './turns/chat-service.ts';

export type AppContext = {
  chat: ChatDeps;
  /** False only when SWITCHBOARD_TOKEN is set and the request did not present it. */
  authorized: boolean;
  /** Ties an error answer to its log line; absent for in-process callers. */
  requestId?: string;
};
