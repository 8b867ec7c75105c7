import { SourceSystemRegistry } from './source-system-registry.service';
import { SourceSystemRepository } from './source-system.repository';
import { SourceFlag, SourceSystem } from './source-system.type';

describe(SourceSystemRegistry.name, () => {
  // The registry reads through the repository once per refresh; a stand-in for that one method is enough here
  // (the SQL itself is covered by the e2e suite against the real server).
  const systems = [{ code: 'igate', allowedFields: ['fullName', 'gender'] }] as SourceSystem[];
  const sut = new SourceSystemRegistry({ findAll: async () => systems } as unknown as SourceSystemRepository);
  beforeAll(() => sut.refresh());

  it('flags nothing for a registered system returning declared fields', () => {
    expect(sut.check('igate', ['fullName'])).toEqual({ flags: [], undeclaredFields: [] });
  });

  it('flags undeclared fields and names them', () => {
    expect(sut.check('igate', ['fullName', 'religion', 'phone'])).toEqual({
      flags: [SourceFlag.UNDECLARED_FIELDS],
      undeclaredFields: ['religion', 'phone'],
    });
  });

  it('flags an unregistered system', () => {
    expect(sut.check('shadow', ['fullName']).flags).toEqual([SourceFlag.UNREGISTERED_SOURCE]);
    expect(sut.check('igate', ['fullName']).flags).toEqual([]);
  });
});
