import { QueryFailedError } from 'typeorm';
import { loggableError } from './domain-exception.filter';

describe('loggableError', () => {
  const ID = '079201004567';

  it('keeps a failed query out of the log: no SQL, no parameters, no driver detail, and any personal ID masked', () => {
    const driver = Object.assign(new Error(`invalid input syntax for type uuid: "${ID}"`), { code: '22P02', detail: `Key (dossier_code)=(${ID})`, parameters: [ID] });
    const error = new QueryFailedError('SELECT * FROM query_event e WHERE e.dossier_code = $1', [ID], driver);
    const logged = loggableError(error) as Record<string, unknown>;
    expect(Object.keys(logged).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '22P02' });
    expect(JSON.stringify(logged)).not.toContain(ID);
    expect(logged.message).toMatch(/invalid input syntax for type uuid/);
  });

  it('keeps an ordinary error as its kind, message and stack', () => {
    const logged = loggableError(new TypeError('x is not a function')) as Record<string, unknown>;
    expect(logged).toMatchObject({ type: 'TypeError', message: 'x is not a function', stack: expect.stringContaining('TypeError: x is not a function') });
    expect(loggableError('plain')).toEqual({ message: 'plain' });
  });
});
