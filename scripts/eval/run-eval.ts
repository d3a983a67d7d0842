// Entry point of `npm run eval` (see README, "Routing eval").
import { runEvalCommand } from './eval-command.ts';

process.exitCode = await runEvalCommand({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
