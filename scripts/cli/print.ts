// How the CLI shows turns and conversations in a terminal.
import { routingFacts } from '../../server/export/routing-facts.ts';
import type { TurnDto } from '../../server/routers/dto.ts';

export type Out = { stdout: (text: string) => void; stderr: (text: string) => void };

export const processOut: Out = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export function routingBlock(turn: TurnDto, indent = '  '): string {
  return routingFacts(turn)
    .map((f) => `${indent}${f.label.toLowerCase().padEnd(12)} ${f.value}`)
    .join('\n');
}

export function indentText(text: string, indent = '  '): string {
  return text
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
}

/** "2026-08-01 14:03" in UTC: sortable and the same on every machine. */
export function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
