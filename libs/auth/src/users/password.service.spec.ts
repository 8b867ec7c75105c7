import { loadConfig } from '@app/config';
import { PasswordService } from './password.service';

describe(PasswordService.name, () => {
  const sut = new PasswordService(loadConfig({ AUTH_PASSWORD_MIN_LENGTH: '12' }));
  const messages = (password: string, username = 'nguyen.van.a') =>
    sut.problems(password, username, 'newPassword').map((p) => p.message);

  it('accepts a long passphrase', () => {
    expect(messages('Mây trắng bay trên đỉnh Bà Nà')).toEqual([]);
  });

  it.each([
    ['short1!', /at least 12 characters/],
    ['xx nguyen.van.a xx 2026', /must not contain the username/],
    ['XX NGUYEN.VAN.A XX 2026', /must not contain the username/],
    ['qwertyuiop123', /commonly used/],
    ['Password2026!!', /commonly used/],
    ['matkhau123456', /commonly used/],
    ['123456789012', /commonly used/],
  ])('refuses %j', (password, problem) => {
    expect(messages(password)).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  it('names the field in each problem', () => {
    expect(sut.problems('short', 'x', 'newPassword')[0]).toEqual({
      field: 'newPassword',
      message: expect.any(String),
    });
  });

  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await sut.hash('Mây trắng bay trên đỉnh Bà Nà');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    await expect(sut.verify(hash, 'Mây trắng bay trên đỉnh Bà Nà')).resolves.toBe(true);
    await expect(sut.verify(hash, 'Mây trắng bay trên đỉnh Bà Nà!')).resolves.toBe(false);
    await expect(sut.verify(null, 'anything')).resolves.toBe(false);
    await expect(sut.verify('not-a-hash', 'anything')).resolves.toBe(false);
  });
});
