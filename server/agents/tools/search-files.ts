// Every expert looks things up in the owner's own files (price lists, supplier sheets, notes).
import { tool } from '@openai/agents';
import { z } from 'zod';
import type { ToolFactory } from '../expert.ts';
import { reportToolFailure } from '../turn-context.ts';

export const searchFiles: ToolFactory = () =>
  tool({
    name: 'search_files',
    description:
      "Search the user's own uploaded files (PDFs, spreadsheets as CSV, notes) for facts about their business: suppliers, prices, products, plans. Returns the best matching passages with the file name and page or row. Use it before answering anything their files may know; quote what you use and name the file.",
    parameters: z.object({ query: z.string().describe('The words to look for, e.g. "wax supplier price"') }),
    async execute({ query }, runContext, details) {
      if (!runContext) throw new Error('file search runs only inside a turn');
      const passages = await runContext.context.files.search(query);
      if (!passages.length) return 'No passage in the uploaded files matches. Say so rather than guessing.';
      // Kept with the routing record, so the reply cites its files whatever the model writes.
      const callId = details?.toolCall?.callId;
      if (callId) {
        runContext.context.toolSources.set(
          callId,
          passages.map(({ fileId, name, location }) => ({ fileId, name, location })),
        );
      }
      return passages.map((p) => ({ file: p.name, where: p.location, text: p.text }));
    },
    errorFunction: reportToolFailure,
  });
