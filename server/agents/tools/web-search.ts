// Web search for the agents that may use it: hosted under the Responses API, else SearXNG.
import { type Tool, tool, webSearchTool } from '@openai/agents';
import { z } from 'zod';
import type { ToolFactory } from '../expert.ts';
import { noteRead, reportToolFailure, type TurnContext } from '../turn-context.ts';
import type { ToolSettings } from './tool-settings.ts';

export type WebSearchMode = 'hosted' | 'searxng' | 'none';

const MAX_RESULTS = 5;

type SearxResult = { title?: string; url?: string; content?: string };

export function webSearchMode(settings: ToolSettings): WebSearchMode {
  if (settings.searxngUrl) return 'searxng';
  // The hosted tool exists only in the Responses API; Chat Completions servers reject it.
  return settings.api === 'responses' ? 'hosted' : 'none';
}

export const webSearch: ToolFactory = (settings) => {
  const mode = webSearchMode(settings);
  if (mode === 'hosted') return webSearchTool() as Tool<TurnContext>;
  if (mode === 'searxng' && settings.searxngUrl) return searxngTool(settings.searxngUrl);
  return null;
};

function searxngTool(baseUrl: string): Tool<TurnContext> {
  return tool({
    name: 'web_search',
    description: 'Search the web for current facts: prices, competitors, platforms, news. Returns titles, links and snippets.',
    parameters: z.object({ query: z.string().describe('What to search for, in a few words') }),
    async execute({ query }, runContext) {
      if (runContext) noteRead(runContext.context, { kind: 'web', query });
      const url = new URL('search', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
      url.searchParams.set('q', query);
      url.searchParams.set('format', 'json');
      const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
      if (!response.ok) throw new Error(`search service answered HTTP ${response.status}`);
      const body = (await response.json()) as { results?: SearxResult[] };
      const results = (body.results ?? []).slice(0, MAX_RESULTS).map((r) => ({
        title: r.title ?? '',
        url: r.url ?? '',
        snippet: r.content ?? '',
      }));
      return results.length ? results : 'No results.';
    },
    errorFunction: reportToolFailure,
  });
}
