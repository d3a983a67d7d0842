// The last line of defence: an error no handler caught is logged and the process keeps serving,
// so one bad request cannot drop every turn in flight. Each such log line is a bug to fix. Installed
// once the server is up: a failure before that ends the start instead (server/index.ts).
import type { Logger } from 'pino';

export function guardProcess(logger: Logger): void {
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception; still serving'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection; still serving'));
}
