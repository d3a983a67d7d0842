// `npm run eval`: route every labelled case through the real Orchestrator and score the choices.

import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getGlobalTraceProvider } from '@openai/agents';
import { configureTracing, modelConfigFromEnv } from '../../server/agents/model.ts';
import { createAgentRuntime } from '../../server/agents/runtime.ts';
import { parseEnv } from '../../server/env.ts';
import { type EvalArgs, parseEvalArgs, USAGE, UsageError } from './args.ts';
import { CasesError, DEFAULT_CASES_FILE, loadCases, type RoutingCase } from './cases.ts';
import { createProgress } from './progress.ts';
import { renderComparison, renderSummary } from './render.ts';
import { buildReport, defaultReportPath, type EvalReport, writeReport } from './report.ts';
import { createCaseRouter } from './route-case.ts';
import { runCases } from './run-cases.ts';
import { score } from './score.ts';

type Output = { write(text: string): unknown; isTTY?: boolean };
export type EvalIo = { argv: string[]; env: NodeJS.ProcessEnv; cwd: string; stdout: Output; stderr: Output };

export const EXIT = { ok: 0, failed: 1, noModel: 2 } as const;

/** The product's cap on agent turns per chat turn (server/turns/execute-turn.ts). */
const MAX_AGENT_TURNS = 10;

export const NO_MODEL_MESSAGE =
  'The routing eval needs a model. Set OPENAI_API_KEY (OpenAI), or OPENAI_BASE_URL for an OpenAI-compatible server such as Ollama or vLLM, and run it again.';

export async function runEvalCommand(io: EvalIo): Promise<number> {
  const fail = (message: string, code: number = EXIT.failed): number => {
    io.stderr.write(`${message}\n`);
    return code;
  };

  let args: EvalArgs;
  try {
    args = parseEvalArgs(io.argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\n${USAGE}`);
    throw error;
  }
  const parsed = parseEnv(io.env);
  if (!parsed.ok) return fail(`Fix these settings:\n  ${parsed.problems.join('\n  ')}`);
  const env = parsed.env;
  configureTracing(env);
  // The model client's own warnings (retries, for instance) belong on stderr, beside the progress bar.
  const note = (_: object, message: string) => void io.stderr.write(`\n${message}\n`);
  const model = modelConfigFromEnv(env, { warn: note, error: note });
  if (!model.configured) return fail(NO_MODEL_MESSAGE, EXIT.noModel);

  const casesFile = args.cases ? resolve(io.cwd, args.cases) : fileURLToPath(DEFAULT_CASES_FILE);
  let cases: RoutingCase[];
  try {
    cases = await loadCases(casesFile);
  } catch (error) {
    if (error instanceof CasesError || (error as NodeJS.ErrnoException).code === 'ENOENT') return fail((error as Error).message);
    throw error;
  }
  if (args.limit !== null) cases = cases.slice(0, args.limit);

  const tools = { api: model.api, searxngUrl: env.SEARXNG_URL };
  const routerModels = args.routerModels ?? [env.SWITCHBOARD_ROUTER_MODEL ?? null];
  const reports: EvalReport[] = [];
  const out = args.out ? (isAbsolute(args.out) ? args.out : resolve(io.cwd, args.out)) : defaultReportPath(new Date(), io.cwd);
  for (const routerModel of routerModels) {
    const runtime = createAgentRuntime({ provider: model.provider, modelName: model.name, routerModelName: routerModel, tools });
    // A configured provider always yields a runner.
    const route = createCaseRouter(runtime.team, runtime.runner!, MAX_AGENT_TURNS, env.SWITCHBOARD_ROUTER_CONTEXT_TOKENS);

    const startedAt = new Date();
    const progress = createProgress(cases.length, io.stderr);
    const results = await runCases(cases, route, { concurrency: args.concurrency, onResult: progress.tick });
    progress.done();
    await getGlobalTraceProvider().forceFlush();

    const figures = score(results);
    const modelInfo = { api: model.api, name: runtime.routerModelName };
    reports.push(buildReport({ startedAt, finishedAt: new Date(), model: modelInfo, casesFile, score: figures, results }));
    const header = `Routing eval: ${figures.total} cases on ${modelInfo.name} (${modelInfo.api}), concurrency ${args.concurrency}`;
    io.stdout.write(`${renderSummary(figures, header)}\n\n`);
  }
  // One model: its report, as before; several: every run and the comparison side by side.
  await writeReport(out, reports.length === 1 ? reports[0]! : { runs: reports });
  if (reports.length > 1) io.stdout.write(`${renderComparison(reports)}\n\n`);
  io.stdout.write(`Report: ${out}\n`);
  const errors = reports.some((report) => report.errored.length > 0);
  return errors ? EXIT.failed : EXIT.ok;
}
