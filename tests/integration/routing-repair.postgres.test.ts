import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { routingRepairSuite } from './routing-repair.suite.ts';

describe.skipIf(!postgresUrl)('routing repair on Postgres', () => routingRepairSuite('postgres'));
