import { explain } from './alert-explanation.constant';

const base = { timeZone: 'Asia/Ho_Chi_Minh', occurredAt: new Date('2026-11-16T02:00:00Z'), windowStart: new Date('2026-11-16T02:00:00Z'), windowEnd: new Date('2026-11-16T02:38:00Z') };

describe('window explanations', () => {
  it('a flood of distinct citizens, in Vietnamese and English, with the share of numbers nobody holds', () => {
    const sut = explain({
      ...base,
      type: 'enumeration',
      accountIds: ['cb.flood'],
      evidence: { rule: 'distinct', observed: { subjects: 1230, minutes: 38, notFoundShare: 0.25, firstAt: '2026-11-16T02:00:00Z', lastAt: '2026-11-16T02:38:00Z' }, ownUnitDossierShare: 0.02 },
    });
    expect(sut.vi).toBe(
      'Tài khoản cb.flood tra cứu 1.230 công dân khác nhau từ 09:00 đến 09:38 ngày 16/11/2026 (38 phút), không gắn hồ sơ của đơn vị mình; ' +
        '25% số tra cứu không có người mang; 2% lượt tra cứu trong khoảng này gắn hồ sơ của đơn vị. Một quầy tiếp dân không phục vụ được ngần ấy người trong thời gian này.',
    );
    expect(sut.en).toContain('looked up 1,230 different citizens from 09:00 to 09:38 on 16 Nov 2026 (38 minutes)');
  });

  it('one citizen across units names the units and only a prefix of the hash; a sparse evidence prints no "undefined"', () => {
    const sut = explain({
      ...base,
      type: 'cross_unit_citizen',
      accountIds: ['a', 'b', 'c'],
      evidence: { subjectHashPrefix: '3f9a0c11aa02', observed: { accounts: 3, units: 3 }, units: ['U1', 'U2', 'U3'] },
    });
    expect(sut.vi).toBe(
      'Cùng một công dân (mã băm 3f9a0c11aa02…) được 3 tài khoản của 3 đơn vị khác nhau (U1, U2, U3) tra cứu từ 09:00 đến 09:38 ngày 16/11/2026, ' +
        'không lượt nào gắn hồ sơ. Cần xác minh vì sao nhiều nơi cùng quan tâm đến người này.',
    );
    expect(explain({ ...base, type: 'enumeration', accountIds: ['x'], evidence: {} }).vi).not.toContain('undefined');
  });
});
