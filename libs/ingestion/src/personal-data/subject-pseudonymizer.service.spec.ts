import { createHmac } from 'node:crypto';
import { SubjectPseudonymizer } from './subject-pseudonymizer.service';

describe(SubjectPseudonymizer.name, () => {
  const key = 'k'.repeat(32);
  const sut = new SubjectPseudonymizer(key, 'k1', Buffer.alloc(32, 7));

  it('hashes the personal ID with HMAC-SHA-256 under the configured key', () => {
    expect(sut.hash('052190012345')).toEqual(createHmac('sha256', key).update('052190012345').digest());
    expect(sut.hash('052190012345')).not.toEqual(new SubjectPseudonymizer('x'.repeat(32), 'k2').hash('052190012345'));
  });

  it('seals an encrypted copy that only the key opens, and detects tampering', () => {
    const sealed = sut.encrypt('052190012345')!;
    expect(sealed.toString('latin1')).not.toContain('052190012345');
    expect(sut.decrypt(sealed)).toBe('052190012345');
    sealed[sealed.length - 1] ^= 1;
    expect(() => sut.decrypt(sealed)).toThrow();
  });

  it('hashes the block of 100 consecutive IDs under a derived key: neighbours share it, the next hundred and the subject hash do not', () => {
    const block = sut.blockHex('052190012345');
    expect(block).toMatch(/^[0-9a-f]{16}$/);
    expect(sut.blockHex('052190012300')).toBe(block);
    expect(sut.blockHex('052190012399')).toBe(block);
    expect(sut.blockHex('052190012400')).not.toBe(block);
    expect(sut.hashHex('0521900123')).not.toContain(block);
    expect(createHmac('sha256', key).update('0521900123').digest('hex')).not.toContain(block);
    expect(new SubjectPseudonymizer('x'.repeat(32), 'k2').blockHex('052190012345')).not.toBe(block);
  });

  it('searches under the current key and every earlier one, and writes with the current key alone', () => {
    const rotated = new SubjectPseudonymizer('n'.repeat(32), 'k2', undefined, [{ id: 'k1', key }]);
    expect(rotated.searchHashes('052190012345')).toEqual([
      { keyId: 'k2', hash: createHmac('sha256', 'n'.repeat(32)).update('052190012345').digest() },
      { keyId: 'k1', hash: sut.hash('052190012345') },
    ]);
    expect(rotated.hash('052190012345')).not.toEqual(sut.hash('052190012345'));
    expect(sut.searchHashes('052190012345')).toEqual([{ keyId: 'k1', hash: sut.hash('052190012345') }]);
  });

  it('keeps no copy without an encryption key', () => {
    expect(new SubjectPseudonymizer(key, 'k1').encrypt('052190012345')).toBeNull();
  });
});
