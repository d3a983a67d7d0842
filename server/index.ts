// Entry point: `npm start` and `npm run dev` run this.
import { startApp } from './app.ts';
import { parseEnv } from './env.ts';
import { createLogger, logFormatFor } from './logger.ts';
import { guardProcess } from './process-guard.ts';
import { stopOnSignals } from './shutdown.ts';
import { startupSentence } from './startup-failure.ts';

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(`Switchboard cannot start; fix these settings:\n  ${parsed.problems.join('\n  ')}`);
  process.exit(1);
}
const env = parsed.env;
const logger = createLogger(env.LOG_LEVEL, logFormatFor(process.stdout));

if (!['127.0.0.1', 'localhost', '::1'].includes(env.HOST) && !env.SWITCHBOARD_TOKEN) {
  logger.warn(
    { host: env.HOST },
    `Listening on ${env.HOST} without SWITCHBOARD_TOKEN: anyone who can reach this address can read and send messages. Set SWITCHBOARD_TOKEN.`,
  );
}

const app = await startApp(env, logger).catch((error: unknown) => {
  // startApp closed what it had opened; an unexpected failure keeps its details for the bug report.
  const sentence = startupSentence(error, env);
  if (sentence) logger.fatal(sentence);
  else logger.fatal({ err: error }, 'Switchboard could not start');
  process.exit(1);
});
// Only a server that is up is worth keeping alive past an error nobody caught.
guardProcess(logger);
logger.info(
  { url: app.url, database: app.database.kind, model: app.chat.agents.modelName, configured: Boolean(app.chat.agents.runner) },
  `Switchboard is running at ${app.url}`,
);
if (!app.chat.agents.runner) {
  logger.warn('No model configured: set OPENAI_API_KEY, or OPENAI_BASE_URL for an OpenAI-compatible server.');
}

stopOnSignals(app, { graceMs: env.SWITCHBOARD_SHUTDOWN_GRACE_MS, logger });
