import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { consultSuite } from './consult.suite.ts';

describe.skipIf(!postgresUrl)('consults on Postgres', () => consultSuite('postgres'));
