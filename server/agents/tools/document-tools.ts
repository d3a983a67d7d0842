// The three document tools every expert has, as one entry in its tools.
import type { ToolFactory } from '../expert.ts';
import { readDocument } from './read-document.ts';
import { updateDocument } from './update-document.ts';
import { writeDocument } from './write-document.ts';

export const documentTools: readonly ToolFactory[] = [writeDocument, updateDocument, readDocument];
