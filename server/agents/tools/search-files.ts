// Every expert looks things up in the owner's own files (price lists, supplier sheets, notes) and
// in the documents the team wrote for the business.
import { tool } from '@openai/agents';
import { z } from 'zod';
import type { ToolFactory } from '../expert.ts';
import { noteRead, reportToolFailure } from '../turn-context.ts';

export const searchFiles: ToolFactory = () =>
  tool({
    name: 'search_files',
    description:
      "Search the user's own uploaded files (PDFs, spreadsheets as CSV, notes) for facts about their business: suppliers, prices, products, plans. Also searches the business's documents (plans, calendars the team wrote). Returns the best matching passages with the file name and page or row, or the document's title and id. Use it before answering anything their files may know; quote what you use and name the file.",
    parameters: z.object({ query: z.string().describe('The words to look for, e.g. "wax supplier price"') }),
    async execute({ query }, runContext, details) {
      if (!runContext) throw new Error('file search runs only inside a turn');
      const [passages, documents] = await Promise.all([
        runContext.context.files.search(query),
        runContext.context.documents.search(query),
      ]);
      for (const p of passages) noteRead(runContext.context, { kind: 'file', fileId: p.fileId, name: p.name });
      if (!passages.length && !documents.length) {
        return 'No passage in the uploaded files or the documents matches. Say so rather than guessing.';
      }
      // Kept with the routing record, so the reply cites its files whatever the model writes.
      const callId = details?.toolCall?.callId;
      if (callId && passages.length) {
        runContext.context.toolSources.set(
          callId,
          passages.map(({ fileId, name, location }) => ({ fileId, name, location })),
        );
      }
      return [
        ...passages.map((p) => ({ file: p.name, where: p.location, text: p.text })),
        ...documents.map((d) => ({ source: 'document' as const, documentId: d.documentId, title: d.title, text: d.text })),
      ];
    },
    errorFunction: reportToolFailure,
  });
