// `read_document`: the current content of one document of the business, read only when needed
// (the documents list every expert sees has titles and ids, not contents).
import { tool } from '@openai/agents';
import { z } from 'zod';
import type { ToolFactory } from '../expert.ts';
import { documentToolFailure } from './document-tool-failure.ts';

export const readDocument: ToolFactory = () =>
  tool({
    name: 'read_document',
    description: 'Read the current content of a document in the documents list, e.g. before updating it or to answer from it.',
    parameters: z.object({ documentId: z.string().describe('The id from the documents list') }),
    async execute({ documentId }, runContext) {
      if (!runContext) throw new Error('read_document runs only inside a turn');
      return runContext.context.documents.read(documentId);
    },
    errorFunction: documentToolFailure('Not read'),
  });
