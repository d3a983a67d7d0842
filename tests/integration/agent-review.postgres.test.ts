import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { agentReviewSuite } from './agent-review.suite.ts';

describe.skipIf(!postgresUrl)('agent view and routing review on Postgres', () => agentReviewSuite('postgres'));
