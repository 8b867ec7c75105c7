import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('the production start command', () => {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;

  it('is the same in the container image as in npm start (V8 flags included)', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
    expect(cmd).not.toBeNull();
    expect((JSON.parse(cmd![1]) as string[]).join(' ')).toBe(start);
  });

  it('gives the service the larger young generation the ingest figures were measured with', () => {
    // docs/benchmarks.md: a 32 MiB semi-space takes a few per cent off the service's CPU per event (default 16 MiB).
    expect(start.split(/\s+/)).toContain('--max-semi-space-size=32');
  });
});
