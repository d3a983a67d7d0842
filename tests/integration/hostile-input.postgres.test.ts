import { describe } from 'vitest';
import { hostileInputSuite } from './hostile-input.suite.ts';

describe('hostile input on Postgres', () => hostileInputSuite('postgres'));
