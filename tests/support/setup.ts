// Every test file: no trace export, and an unexpected console.error fails the test.
import { setTracingDisabled } from '@openai/agents';
import { afterEach, beforeEach, vi } from 'vitest';

setTracingDisabled(true);

let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called:\n${errors.map((e) => e.join(' ')).join('\n')}`);
});
