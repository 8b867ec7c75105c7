import { maskPersonalIds } from './report-delivery-message.util';

describe(maskPersonalIds.name, () => {
  it('masks every run of exactly 12 digits, and leaves other numbers', () => {
    expect(maskPersonalIds('công dân 079203001234, mã 12, 0792030012345, (001203004567)')).toBe(
      'công dân ************, mã 12, 0792030012345, (************)',
    );
  });
});
