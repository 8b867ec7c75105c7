import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkingHoursConfig } from './working-hours-config.util';

describe('loadWorkingHoursConfig', () => {
  const file = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'hours-')), 'working-hours.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('reads the shipped file: Monday to Friday 07:30-11:30 and 13:30-17:00, and Saturday-morning one-stop desks', () => {
    const config = loadWorkingHoursConfig();
    expect(config.default.mon).toEqual(['07:30-11:30', '13:30-17:00']);
    expect(config.default.sat).toBeUndefined();
    expect(config.unitKinds.one_stop_saturday.sat).toEqual(['07:30-11:30']);
  });

  it('names the file, the key and the problem of a wrong file', () => {
    const path = file({ timeZone: 'Asia/Bangkok', default: { mon: ['07:30-11:30', '11:00-17:00'] }, unitKinds: { commune: { fri: ['7:30-11'] } } });
    expect(() => loadWorkingHoursConfig(path)).toThrow(
      `${path}: timeZone: must be Asia/Ho_Chi_Minh; default.mon: "11:00-17:00" overlaps or precedes the period before it; ` +
        'unitKinds.commune.fri: "7:30-11" is not a period HH:MM-HH:MM, e.g. 07:30-11:30',
    );
  });
});
