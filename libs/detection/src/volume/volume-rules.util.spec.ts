import { judge, judgeVolume, MAD_SCALE, rises, risesTogether, robustBound, severityOf, unitSurged } from './volume-rules.util';

const own = { k: 6, multiple: 3, floor: 30 };
const surge = { riseFactor: 2, memberShare: 0.5, minMembers: 3 };
const bands = { medium: 1.5, high: 3, critical: 6 };

describe('volume rules', () => {
  describe(robustBound.name, () => {
    it('takes the largest of median + k * MAD * 1.4826, multiple * median and the floor', () => {
      // median 20, MAD 5: 20 + 6 * 5 * 1.4826 = 64.48 beats 3 * 20 = 60 and the floor.
      expect(robustBound([10, 15, 20, 25, 30], own)).toEqual({ median: 20, mad: 5, threshold: 64.48 });
      expect(20 + 6 * 5 * MAD_SCALE).toBeCloseTo(64.48, 2);
    });

    it('a steady account (MAD 0) is bounded by the multiple, a small one by the floor', () => {
      expect(robustBound([19, 19, 19, 19], own).threshold).toBe(57);
      expect(robustBound([2, 3, 2, 4], own).threshold).toBe(30);
    });

    it('one wild day in the history barely moves the bound (the point of median and MAD)', () => {
      const calm = robustBound([18, 19, 20, 21, 22, 19, 20, 21, 20, 19], own);
      const withSpike = robustBound([18, 19, 20, 21, 22, 19, 20, 21, 20, 500], own);
      expect(withSpike.threshold - calm.threshold).toBeLessThan(1);
    });

    it('no values: only the floor', () => {
      expect(robustBound([], own)).toEqual({ median: 0, mad: 0, threshold: 30 });
    });
  });

  describe(judge.name, () => {
    it('flags only strictly above the threshold, with the ratio that decides the severity', () => {
      expect(judge(57, robustBound([19, 19, 19], own))).toMatchObject({ exceeded: false, ratio: 1 });
      expect(judge(212, robustBound([19, 19, 19], own))).toMatchObject({ exceeded: true, ratio: 3.72, median: 19 });
    });
  });

  describe(judgeVolume.name, () => {
    it('flags when either metric is over; the metric furthest over leads, citizens on a tie', () => {
      const history = { lookups: [20, 20, 20], subjects: [18, 18, 18] };
      const sut = judgeVolume({ lookups: 200, subjects: 30 }, history, own);
      expect(sut).toMatchObject({ exceeded: true, metric: 'lookups', ratio: 3.33 });
      expect(sut.subjects.exceeded).toBe(false);
      expect(judgeVolume({ lookups: 120, subjects: 108 }, history, own).metric).toBe('subjects');
    });
  });

  describe(severityOf.name, () => {
    it.each([
      [1.01, 'low'],
      [1.5, 'medium'],
      [2.9, 'medium'],
      [3, 'high'],
      [6, 'critical'],
    ])('observed %s times the threshold is %s', (ratio, severity) => {
      expect(severityOf(ratio, bands)).toBe(severity);
    });
  });

  describe('unit surge', () => {
    it('a member rises at riseFactor times its own median, never from a median of 0', () => {
      expect(rises(40, 20, surge)).toBe(true);
      expect(rises(39, 20, surge)).toBe(false);
      expect(rises(40, 0, surge)).toBe(false);
    });

    it('a unit rises together when more than half of at least three judged members rise', () => {
      expect(risesTogether(3, 5, surge)).toBe(true);
      expect(risesTogether(2, 4, surge)).toBe(false); // half is not most
      expect(risesTogether(2, 2, surge)).toBe(false); // two people are not a unit
    });

    it('a unit surged when its median member is at riseFactor times its usual median member, given enough history', () => {
      const usual = [10, 11, 9, 10, 12, 10, 10, 9, 11, 10];
      expect(unitSurged(20, usual, 10, surge)).toBe(true);
      expect(unitSurged(19, usual, 10, surge)).toBe(false);
      expect(unitSurged(50, usual.slice(0, 5), 10, surge)).toBe(false);
    });
  });
});
