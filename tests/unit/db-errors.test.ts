// Which database failures the API reports as "try again later" rather than as a bug.
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isUniqueViolation } from '../../db/errors.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const wrapped = (cause: unknown) => new Error('Failed query: select 1', { cause });

describe('database error classification', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['admin shutdown (Postgres restarting)', withCode('terminating connection due to administrator command', '57P01')],
    ['starting up', withCode('the database system is starting up', '57P03')],
    ['connection failure class 08', withCode('connection failure', '08006')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a query on a broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['any of several addresses refused', new AggregateError([withCode('refused', 'ECONNREFUSED')], 'connect failed')],
  ])('treats %s as unavailable, also when wrapped by the ORM', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(error))).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value', '23505')],
    ['a syntax error', withCode('syntax error at or near "x"', '42601')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['not an error at all', 'ECONNREFUSED'],
  ])('does not treat %s as unavailable', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('finds a unique violation under the ORM wrapper', () => {
    expect(isUniqueViolation(wrapped(withCode('duplicate key value', '23505')))).toBe(true);
    expect(isUniqueViolation(wrapped(withCode('deadlock detected', '40P01')))).toBe(false);
  });
});
