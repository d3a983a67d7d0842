import { describe } from 'vitest';
import { agentReviewSuite } from './agent-review.suite.ts';

describe('agent view and routing review on PGlite', () => agentReviewSuite('pglite'));
