import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { searchSuite } from './search.suite.ts';

describe.skipIf(!postgresUrl)('conversation search on Postgres', () => searchSuite('postgres'));
