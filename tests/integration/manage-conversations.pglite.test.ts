import { describe } from 'vitest';
import { manageConversationsSuite } from './manage-conversations.suite.ts';

describe('renaming and deleting conversations on PGlite', () => manageConversationsSuite('pglite'));
