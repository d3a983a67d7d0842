import { describe } from 'vitest';
import { consultSuite } from './consult.suite.ts';

describe('consults on Postgres', () => consultSuite('postgres'));
