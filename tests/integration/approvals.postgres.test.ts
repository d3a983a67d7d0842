import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { approvalsSuite } from './approvals.suite.ts';

describe.skipIf(!postgresUrl)('approvals on Postgres', () => approvalsSuite('postgres'));
