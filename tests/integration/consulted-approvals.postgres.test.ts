import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { consultedApprovalsSuite } from './consulted-approvals.suite.ts';

describe.skipIf(!postgresUrl)('consulted approvals on Postgres', () => consultedApprovalsSuite('postgres'));
