// Starts `npm start` (as a user types it) or the floor process, times it to ready, and stops it.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type Launched = {
  pid: number;
  url?: string;
  readyMs: number;
  output(): string;
  /** Resolves to the exit code. */
  stop(): Promise<number | null>;
  /** The exit code, once it exits by itself. */
  exited: Promise<number | null>;
};

// Under `npm run bench` this is the npm that runs us, so `npm start` uses the same npm and Node
// (under `npx` it would be npx's own script: then npm from PATH).
const execPath = process.env.npm_execpath;
const npm = execPath?.endsWith('npm-cli.js') ? [process.execPath, execPath] : ['npm'];

/** `detached`: npm leads a process group of its own, as in a terminal (Ctrl-C signals the whole group). */
export function launchNpmStart(env: Record<string, string | undefined>, options: { detached?: boolean } = {}): Promise<Launched> {
  const child = spawn(npm[0]!, [...npm.slice(1), 'start', '--silent'], {
    cwd: root,
    detached: options.detached ?? false,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return waitUntil(child, async (output) => {
    const url = output.match(/"url":"(http:\/\/[^"]+)"/)?.[1];
    if (!url) return undefined;
    const health = await fetch(`${url}/api/health`);
    if (!health.ok) throw new Error(`health answered ${health.status}`);
    return url;
  });
}

export function launchFloor(dataDir: string): Promise<Launched> {
  const floor = fileURLToPath(new URL('./floor.ts', import.meta.url));
  const child = spawn(process.execPath, [floor, dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return waitUntil(child, async (output) => (output.includes('ready') ? '' : undefined));
}

function waitUntil(child: ChildProcess, ready: (output: string) => Promise<string | undefined>): Promise<Launched> {
  const started = performance.now();
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`did not start:\n${output}`))), 120_000);
    let checking = false;
    const check = async () => {
      if (checking) return;
      checking = true;
      try {
        const url = await ready(output);
        if (url === undefined) return;
        clearTimeout(timer);
        resolve({
          pid: child.pid!,
          url: url || undefined,
          readyMs: performance.now() - started,
          output: () => output,
          stop,
          exited,
        });
      } catch (error) {
        clearTimeout(timer);
        void stop().then(() => reject(error));
      } finally {
        checking = false;
      }
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      void check();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}
