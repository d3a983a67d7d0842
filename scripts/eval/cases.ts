// The labelled routing set: which experts may rightly answer each request, and how to read it.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { EXPERT_NAMES } from '../../shared/roster.ts';

export const DEFAULT_CASES_FILE = new URL('./routing-cases.json', import.meta.url);

const expert = z.enum(EXPERT_NAMES);

const turn = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().trim().min(1),
});

const routingCase = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
    history: z.array(turn).min(1).optional(),
    message: z.string().trim().min(1),
    /** Acceptable experts; the first is the primary one, the row of the confusion matrix. */
    expected: z.array(expert).min(1),
    kind: z.enum(['single', 'cross', 'followup']),
    note: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (new Set(c.expected).size !== c.expected.length) problem('expected', 'lists an expert twice');
    if (c.kind === 'single' && c.expected.length !== 1) problem('expected', 'a single-domain case has exactly one expert');
    if (c.kind === 'followup' && !c.history) problem('history', 'a follow-up needs the history it follows');
    if (c.history && c.history[0]?.role !== 'user') problem('history', 'starts with the user');
    if (c.history && c.history.at(-1)?.role !== 'assistant')
      problem('history', 'ends with the assistant reply the message follows');
  });

export type RoutingCase = z.infer<typeof routingCase>;

const caseList = z
  .array(routingCase)
  .min(1)
  .superRefine((cases, ctx) => {
    const seen = new Set<string>();
    cases.forEach((c, index) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id ${c.id}` });
      seen.add(c.id);
    });
  });

export class CasesError extends Error {}

/** Parses a cases file; every problem is named with its case index and field. */
export function parseCases(text: string, source: string): RoutingCase[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CasesError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const result = caseList.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  [${i.path.join('.')}] ${i.message}`);
  throw new CasesError(`${source} has invalid cases:\n${problems.join('\n')}`);
}

export async function loadCases(file: string | URL = DEFAULT_CASES_FILE): Promise<RoutingCase[]> {
  return parseCases(await readFile(file, 'utf8'), String(file));
}
