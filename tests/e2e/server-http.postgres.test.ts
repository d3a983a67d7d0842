import { describe } from 'vitest';
import { postgresUrl } from '../support/test-db.ts';
import { serverHttpSuite } from './server-http.suite.ts';

describe.skipIf(!postgresUrl)('the server over HTTP on Postgres', () => serverHttpSuite('postgres'));
