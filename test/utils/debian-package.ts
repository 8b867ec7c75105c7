import { execFileSync } from 'node:child_process';

/** One lock for every test process: apt and dpkg refuse to run twice at once, and jest runs suites side by side. */
const APT_LOCK = '/tmp/tthc-tests-apt.lock';

/**
 * Installs Debian packages with apt (CI runs as root), saying so first: `tag` and `why` name the tests and what is
 * missing. Installs from parallel test processes wait for each other (flock): apt would refuse the second.
 */
export function installDebianPackages(packages: string[], o: { tag: string; why: string; present: () => boolean; recommends?: boolean }): void {
  if (o.present()) return;
  const install = `apt-get install -y${o.recommends === false ? ' --no-install-recommends' : ''} ${packages.join(' ')}`;
  process.stdout.write(`[${o.tag}] ${o.why}: installing Debian's ${packages.join(', ')} (apt-get update && ${install})\n`);
  execFileSync('flock', [APT_LOCK, 'sh', '-c', `apt-get update && ${install}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!o.present()) throw new Error(`apt-get installed ${packages.join(', ')}, but what the tests need is still missing (${o.why})`);
}
