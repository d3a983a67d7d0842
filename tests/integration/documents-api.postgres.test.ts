import { describe } from 'vitest';
import { documentsApiSuite } from './documents-api.suite.ts';

describe('documents API on Postgres', () => documentsApiSuite('postgres'));
