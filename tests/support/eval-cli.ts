// Runs `scripts/eval/run-eval.ts` as `npm run eval` does, in a child process, from any folder.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RoutingCase } from '../../scripts/eval/cases.ts';
import type { Team } from '../../server/agents/team.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { type ChatRequest, type FakeReply, messageTexts, type Responder } from './fake-openai.ts';
import { transferToolName } from './scripted-runtime.ts';

const script = fileURLToPath(new URL('../../scripts/eval/run-eval.ts', import.meta.url));

export type CliRun = { code: number | null; stdout: string; stderr: string };

export function runEvalCli(args: string[], options: { env: Record<string, string>; cwd: string }): Promise<CliRun> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The text of the newest user message in a Chat Completions request. */
export function lastUserText(request: ChatRequest): string {
  const message = request.messages.findLast((m) => m.role === 'user');
  return message ? messageTexts({ ...request, messages: [message] }).join('') : '';
}

/** What the test's "model" does with one case: hand off to an expert, answer itself, or fail. */
export type Play = { route: ExpertName; reason: string } | { answer: string } | { fail: number };

/** A responder that plays the Orchestrator from the test's own table, keyed by the case's message. */
export function playCases(team: Team, plays: Map<string, (request: ChatRequest) => Play>): Responder {
  return (request): FakeReply => {
    const play = plays.get(lastUserText(request));
    if (!play) return { status: 400, message: `the test has no play for "${lastUserText(request)}"` };
    const move = play(request);
    if ('route' in move) return { toolCalls: [{ name: transferToolName(team, move.route), arguments: { reason: move.reason } }] };
    if ('answer' in move) return { text: move.answer };
    return { status: move.fail, message: 'the test model refuses this case' };
  };
}

/** Plays every case by handing it to its primary expert: a perfect router. */
export function playPerfectly(team: Team, cases: RoutingCase[]): Responder {
  const plays = new Map(
    cases.map((c) => [c.message, (): Play => ({ route: c.expected[0]!, reason: `Perfect pick for ${c.id}.` })]),
  );
  return playCases(team, plays);
}
