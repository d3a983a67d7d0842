// Runs the `switchboard` command (scripts/switchboard.mjs) as a child process, as a person's shell would.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** `reader-gone` closes stdout's pipe at once, as `| head` does once it has its lines. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  stdin?: string,
  reader: 'reads-all' | 'reader-gone' = 'reads-all',
): Promise<CliRun> {
  const child = spawn(process.execPath, ['scripts/switchboard.mjs', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  if (reader === 'reader-gone') child.stdout.destroy();
  else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
