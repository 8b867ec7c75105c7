import { explain } from './alert-explanation.constant';

const base = { accountIds: ['cb.xa12.lethic'], timeZone: 'Asia/Ho_Chi_Minh', occurredAt: new Date('2026-11-14T03:00:00Z') };

describe('explain', () => {
  it("says a day's volume in plain Vietnamese with the numbers a reviewer checks", () => {
    const day = new Date('2026-11-13T17:00:00Z'); // 14/11 00:00 in Ha Noi
    const sut = explain({
      ...base,
      type: 'subject_volume',
      windowStart: day,
      windowEnd: new Date(day.getTime() + 86_400_000 - 1),
      evidence: { observed: { subjects: 212 }, expected: { baseline: 19, peers: 23 }, unexplainedShare: 0.64 },
    });
    expect(sut.vi).toBe(
      'Tài khoản cb.xa12.lethic tra cứu 212 công dân ngày 14/11/2026, gấp 11 lần mức thường ngày (19) ' +
        'và gấp 9,2 lần đồng nghiệp cùng đơn vị (23); 64% lượt tra cứu không gắn hồ sơ.',
    );
    expect(sut.en).toContain('looked up 212 citizens on 14 Nov 2026, 11 times its usual day (19)');
  });

  it('leaves out a clause whose number the evidence lacks, and explains unknown types generically', () => {
    const at = base.occurredAt;
    expect(explain({ ...base, type: 'subject_volume', windowStart: at, windowEnd: at, evidence: { observed: { subjects: 1035 } } }).vi).toBe(
      'Tài khoản cb.xa12.lethic tra cứu 1.035 công dân ngày 14/11/2026.',
    );
    const generic = explain({ ...base, type: 'new_rule', windowStart: at, windowEnd: at, evidence: {} });
    expect(generic.vi).toContain('cảnh báo "new_rule" ngày 14/11/2026');
    expect(generic.vi).not.toContain('undefined');
  });
});
