import { parseAddress, parseNetwork } from './cidr.util';

describe('parseNetwork', () => {
  it('keeps networks in canonical form, IPv4 and IPv6, and takes a single address as a host network', () => {
    expect(parseNetwork(' 10.12.0.0/16 ')).toMatchObject({ ok: true, cidr: '10.12.0.0/16' });
    expect(parseNetwork('2001:0db8:0012:0000::/48')).toMatchObject({ ok: true, cidr: '2001:db8:12::/48' });
    expect(parseNetwork('203.0.113.7')).toMatchObject({ ok: true, cidr: '203.0.113.7/32' });
    expect(parseNetwork('2001:db8::1')).toMatchObject({ ok: true, cidr: '2001:db8::1/128' });
    expect(parseNetwork('::ffff:10.0.0.0/104')).toMatchObject({ ok: true, cidr: '10.0.0.0/8' });
  });

  it('says what is wrong: host bits (with the network meant), not an address, a prefix too long, a zone index', () => {
    expect(parseNetwork('10.12.3.4/16')).toEqual({ ok: false, error: '"10.12.3.4/16" has host bits set: the network is 10.12.0.0/16' });
    expect(parseNetwork('intranet')).toMatchObject({ ok: false, error: expect.stringContaining('is not an IPv4 or IPv6 network') });
    expect(parseNetwork('10.0.0.0/33')).toMatchObject({ ok: false });
    // Legacy short forms: ipaddr.js alone would read 10.12/16 as 10.0.0.12/16.
    expect(parseNetwork('10.12/16')).toMatchObject({ ok: false, error: expect.stringContaining('is not an IPv4 or IPv6 network') });
    expect(parseNetwork('0x0a.0.0.0/8')).toMatchObject({ ok: false });
    expect(parseNetwork('fe80::1%eth0')).toMatchObject({ ok: false, error: expect.stringContaining('zone index') });
  });

  it('reads logged addresses, IPv4-mapped IPv6 as IPv4', () => {
    expect(String(parseAddress('::ffff:10.1.2.3'))).toBe('10.1.2.3');
    expect(parseAddress('10.1.2.300')).toBeNull();
    expect(parseAddress('10.12.0')).toBeNull();
  });
});
