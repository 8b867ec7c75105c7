import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from '@app/config';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  it.each(Object.keys(envSchema.shape))('documents the variable %s in the configuration table', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });

  it('shows the two commands at the top', () => {
    const top = readme.slice(0, 800);
    expect(top).toContain('npm ci && npm start');
    expect(top).toContain('npm test');
  });
});
