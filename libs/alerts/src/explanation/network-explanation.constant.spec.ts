import { explain } from './alert-explanation.constant';

const at = new Date('2026-11-23T17:00:00Z'); // 24/11 00:00 in Ha Noi
const base = { accountIds: ['cb.net.a'], timeZone: 'Asia/Ho_Chi_Minh', occurredAt: at, windowStart: at, windowEnd: new Date(at.getTime() + 86_400_000) };

describe('network and source-policy explanations', () => {
  it('say where the account worked from, in plain words', () => {
    const sut = explain({
      ...base,
      type: 'foreign_network',
      evidence: { addresses: ['203.0.113.45'], network: '203.0.113.0/24', days: ['2026-11-24', '2026-11-27'], unitHasNetworks: false, history: { days: 60 }, knownNetworks: { count: 1 } },
    });
    expect(sut.vi).toBe(
      'Tài khoản cb.net.a làm việc từ địa chỉ 203.0.113.45 (mạng 203.0.113.0/24) ngày 24/11/2026 và 27/11/2026: chưa từng dùng trong 60 ngày trước ' +
        '(trước đó dùng 1 mạng khác) (đơn vị chưa đăng ký mạng nào). Cần xác minh ai đã dùng tài khoản từ nơi này.',
    );
    expect(sut.en).toContain('worked from address 203.0.113.45 (network 203.0.113.0/24) on 24 Nov 2026 and 27 Nov 2026: never used in the 60 days before');
  });

  it('leave out what the evidence lacks, never printing undefined', () => {
    for (const type of ['foreign_network', 'concurrent_networks', 'unregistered_source_system', 'undeclared_fields']) {
      const sut = explain({ ...base, type, evidence: {} });
      expect(`${sut.vi} ${sut.en}`).not.toMatch(/undefined|NaN|null/);
    }
  });
});
