import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { hostileInputSuite } from './hostile-input.suite.ts';

describe.skipIf(!postgresUrl)('hostile input on Postgres', () => hostileInputSuite('postgres'));
