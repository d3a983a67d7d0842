import { describe } from 'vitest';
import { exportSuite } from './export.suite.ts';

describe('conversation export on Postgres', () => exportSuite('postgres'));
