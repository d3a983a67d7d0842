import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { connectionsSuite } from './connections.suite.ts';

describe.skipIf(!postgresUrl)('connections on Postgres', () => connectionsSuite('postgres'));
