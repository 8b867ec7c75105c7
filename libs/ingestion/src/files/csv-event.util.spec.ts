import { csvRowToEvent } from './csv-event.util';

describe('csvRowToEvent', () => {
  it('converts the integer columns, splits fields and leaves empty cells out', () => {
    expect(csvRowToEvent({ schemaVersion: '1', eventId: 'e1', subjectCount: '12', fields: 'fullName| gender', unitCode: '' })).toEqual({
      schemaVersion: 1,
      eventId: 'e1',
      subjectCount: 12,
      fields: ['fullName', 'gender'],
    });
  });

  it('takes fields as a JSON array, and passes unconvertible text on for the schema to name', () => {
    expect(csvRowToEvent({ fields: '["a","b"]', schemaVersion: 'one' })).toEqual({ fields: ['a', 'b'], schemaVersion: 'one' });
  });
});
