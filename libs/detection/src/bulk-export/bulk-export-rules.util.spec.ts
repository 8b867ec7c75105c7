import { judgeExport } from './bulk-export-rules.util';
import { loadBulkExportSettings } from './bulk-export-settings.util';

const s = loadBulkExportSettings();

describe(judgeExport.name, () => {
  it('raises a first-ever export of 80,000 citizens where peers export a few thousand', () => {
    expect(judgeExport(80_000, [], [300, 2_500, 4_000, 1_200, 800], s)).toMatchObject({ own: null, peers: { exportDays: 5, median: 1_200 }, threshold: 12_000, fires: true, score: 6.67 });
  });

  it("is silent within the account's own habit, and below the floor whatever the ratios", () => {
    expect(judgeExport(30_000, [20_000, 25_000, 18_000], [100, 200, 150, 120, 90], s)).toMatchObject({ threshold: 200_000, fires: false });
    expect(judgeExport(4_000, [10, 20, 15], [50, 60, 40, 55, 70], s)).toMatchObject({ threshold: 5_000, fires: false });
  });

  it('without peers or habit, the floor alone decides', () => {
    expect(judgeExport(6_000, [], [], s)).toMatchObject({ own: null, peers: null, threshold: 5_000, fires: true });
  });
});
