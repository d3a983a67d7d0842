import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { exportSuite } from './export.suite.ts';

describe.skipIf(!postgresUrl)('conversation export on Postgres', () => exportSuite('postgres'));
