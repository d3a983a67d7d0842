// `update_document`: a new version of a document of the business, whichever conversation wrote
// it; the older versions stay, so the owner can compare and restore them.
import { tool } from '@openai/agents';
import { z } from 'zod';
import type { ToolFactory } from '../expert.ts';
import { documentToolFailure } from './document-tool-failure.ts';

export const updateDocument: ToolFactory = (_settings, agent) =>
  tool({
    name: 'update_document',
    description:
      'Replace the content of a document in the documents list with a new version (the old ones are kept). Read it first with read_document, change what was asked, and pass the whole new content.',
    parameters: z.object({
      documentId: z.string().describe('The id from the documents list'),
      content: z.string().describe('The whole new content (a table: one Markdown table with its header row)'),
      note: z.string().nullable().optional().describe('What changed, in a few words, e.g. "300 mugs instead of 200"'),
    }),
    async execute({ documentId, content, note }, runContext) {
      if (!runContext) throw new Error('update_document runs only inside a turn');
      const saved = await runContext.context.documents.update(agent, { documentId, content, note });
      runContext.context.writtenDocuments.push(saved);
      return `Saved "${saved.title}" as version ${saved.version}. The user sees it beside your reply.`;
    },
    errorFunction: documentToolFailure('Not saved'),
  });
