import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { chatSuite } from './chat.suite.ts';

describe.skipIf(!postgresUrl)('chat on Postgres', () => chatSuite('postgres'));
