import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { memorySuite } from './memory.suite.ts';

describe.skipIf(!postgresUrl)('memory on Postgres', () => memorySuite('postgres'));
