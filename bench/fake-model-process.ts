// The fake model in a process of its own, as a real model is remote: its parsing and streaming
// never take turns on the event loop of the process being measured.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ExpertName } from '../shared/roster.ts';
import type { FakeOptions } from '../tests/support/fake-openai.ts';

export type FakeModelSpec = { expert: ExpertName; reply: string; options?: FakeOptions };

const entry = fileURLToPath(new URL('./fake-model-server.ts', import.meta.url));

export async function startFakeModelProcess(spec: FakeModelSpec): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, [entry, JSON.stringify(spec)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return {
    url,
    async close() {
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}
