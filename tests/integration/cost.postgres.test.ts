import { describe } from 'vitest';
import { costSuite } from './cost.suite.ts';

describe('cost estimates on Postgres', () => costSuite('postgres'));
