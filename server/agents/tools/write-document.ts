// `write_document`: an expert keeps a deliverable (a plan, a calendar, a price list) as a document
// of the business, beside the chat, where the owner and every later conversation can find it.
import { tool } from '@openai/agents';
import { z } from 'zod';
import type { ToolFactory } from '../expert.ts';
import { documentToolFailure } from './document-tool-failure.ts';

export const writeDocument: ToolFactory = (_settings, agent) =>
  tool({
    name: 'write_document',
    description:
      'Save a deliverable the user asked for (a plan, a calendar, a price list, a guide) as a new document of the business, kept with every version. Use it when the answer is something the user will come back to; then reply with a short summary, not the whole text. A document already in the documents list is changed with update_document instead.',
    parameters: z.object({
      title: z.string().describe('A short title, e.g. "Production plan"'),
      kind: z
        .enum(['markdown', 'table'])
        .nullable()
        .optional()
        .describe('markdown (default), or table: then content is one Markdown table with a header row'),
      content: z.string().describe('The whole document in Markdown'),
    }),
    async execute({ title, kind, content }, runContext) {
      if (!runContext) throw new Error('write_document runs only inside a turn');
      const saved = await runContext.context.documents.write(agent, { title, kind: kind ?? 'markdown', content });
      runContext.context.writtenDocuments.push(saved);
      return `Saved "${saved.title}" as version ${saved.version} (id ${saved.documentId}). The user sees it beside your reply.`;
    },
    errorFunction: documentToolFailure('Not saved'),
  });
