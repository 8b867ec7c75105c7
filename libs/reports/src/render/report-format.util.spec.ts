import { formatPercentVi, periodVi, placeAndDateVi } from './report-format.util';

describe('report formats', () => {
  it('writes the place and date as Decree 30 asks: a leading zero on days below 10 and on January and February only', () => {
    expect(placeAndDateVi('Quảng Trị', new Date('2026-12-02T09:00:00+07:00'))).toBe(
      'Quảng Trị, ngày 02 tháng 12 năm 2026',
    );
    expect(placeAndDateVi('Quảng Trị', new Date('2026-03-05T09:00:00+07:00'))).toBe(
      'Quảng Trị, ngày 05 tháng 3 năm 2026',
    );
    expect(placeAndDateVi('Huế', new Date('2027-02-14T09:00:00+07:00'))).toBe(
      'Huế, ngày 14 tháng 02 năm 2027',
    );
    // 23:30 UTC on 31 December is already 1 January in Vietnam.
    expect(placeAndDateVi('Huế', new Date('2026-12-31T23:30:00Z'))).toBe('Huế, ngày 01 tháng 01 năm 2027');
  });

  it('says a period [from, to) by its last day, and a share with one decimal', () => {
    expect(periodVi({ from: '2026-11-01', to: '2026-12-01' })).toBe(
      'từ ngày 01/11/2026 đến hết ngày 30/11/2026',
    );
    expect(formatPercentVi(0.8123)).toBe('81,2%');
    expect(formatPercentVi(1)).toBe('100%');
    expect(formatPercentVi(null)).toBe('—');
  });
});
