import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { manageConversationsSuite } from './manage-conversations.suite.ts';

describe.skipIf(!postgresUrl)('renaming and deleting conversations on Postgres', () => manageConversationsSuite('postgres'));
