import { describe } from 'vitest';
import { serverHttpSuite } from './server-http.suite.ts';

describe('the server over HTTP on Postgres', () => serverHttpSuite('postgres'));
