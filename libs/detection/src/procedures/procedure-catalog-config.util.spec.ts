import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProcedureCatalogConfig } from './procedure-catalog-config.util';

describe(loadProcedureCatalogConfig.name, () => {
  const file = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'procedures-')), 'procedures.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const learnedProfile = { minShare: 0.2, days: 30, minLookups: 50 };

  it('reads the shipped file: the simulator\'s and the contract samples\' procedures, the ID card needing biometrics', () => {
    const sut = loadProcedureCatalogConfig();
    expect(sut.procedures.get('1.001612')).toMatchObject({ name: 'Đăng ký khai sinh' });
    expect(sut.procedures.get('2.000908')?.fields).toEqual(['fullName', 'dateOfBirth', 'personalId', 'household']);
    expect(sut.procedures.get('2.001255')?.fields).toEqual(expect.arrayContaining(['faceImage', 'fingerprints']));
    expect(sut.learnedProfile).toEqual(learnedProfile);
  });

  it('names the file, the key and the problem of a wrong file', () => {
    const path = file({
      version: 1,
      learnedProfile: { ...learnedProfile, minShare: 2, share: 1 },
      procedures: { '1.001612': { name: '', fields: ['fullName', 'religon', 'fullName'] }, 'a b': { name: 'x', fields: ['fullName'] } },
    });
    expect(() => loadProcedureCatalogConfig(path)).toThrow(
      `${path}: learnedProfile.minShare: must be a number from 0 to 1; learnedProfile.share: not a setting; ` +
        'procedures.1.001612.name: must be a non-empty string; procedures.1.001612.fields: "religon" is not a field of the field catalog; ' +
        'procedures.1.001612.fields: fullName is listed twice; procedures.a b.code: 1-64 letters, digits, . _ -',
    );
  });
});
