import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Permission, PRODUCER_KEY_PERMISSIONS, Role, ROLE_PERMISSIONS } from '@app/auth';

describe('docs/permissions.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'permissions.md'), 'utf8');
  const rows = new Map(
    [...doc.matchAll(/^\| `([a-z:-]+)` \|(.*)\|$/gm)].map(([, permission, cells]) => [
      permission,
      cells.split('|').map((c) => c.trim()),
    ]),
  );
  const columns = [...Object.values(Role), 'producer key'];

  it.each(Object.values(Permission))('shows for %s the roles the code grants', (permission) => {
    const expected = columns.map((column) =>
      (column === 'producer key' ? PRODUCER_KEY_PERMISSIONS : ROLE_PERMISSIONS[column as Role]).has(
        permission,
      )
        ? '✓'
        : '',
    );
    expect(rows.get(permission)).toEqual(expected);
  });

  it('has the roles as columns in the order the test reads them', () => {
    expect(doc).toContain(`| permission | ${columns.join(' | ')} |`);
  });
});
