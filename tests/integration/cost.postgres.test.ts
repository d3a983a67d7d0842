import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { costSuite } from './cost.suite.ts';

describe.skipIf(!postgresUrl)('cost estimates on Postgres', () => costSuite('postgres'));
