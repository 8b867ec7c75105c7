import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { evidenceNumber as num, evidenceString, withoutDossierClause } from './evidence-reader.util';
import { formatDateEn, formatDateVi, formatNumberEn, formatNumberVi } from './vi-format.util';

/** The gradual-growth detector's phrase (libs/detection, docs/detection.md "Gradual growth"): gradual_growth. */
function gradualGrowth(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const who = c.accountIds[0] ?? '';
  const recent = num(e, 'observed.recentMedian') ?? 0;
  const earlier = num(e, 'expected.earlierMedian') ?? 0;
  const ratio = num(e, 'observed.ratio') ?? 0;
  const trend = num(e, 'observed.trendPerWeek');
  const unitRatio = num(e, 'unit.medianRatio');
  const unitCount = num(e, 'unit.count');
  const day = evidenceString(e, 'day');
  const last = day ? new Date(`${day}T12:00:00+07:00`) : new Date(c.windowEnd.getTime() - 1);
  const trendVi = trend !== undefined && trend > 0 ? `, tăng đều khoảng ${formatNumberVi(trend)} lượt mỗi tuần` : '';
  const trendEn = trend !== undefined && trend > 0 ? `, climbing by about ${formatNumberEn(trend)} a week` : '';
  const unitVi = unitRatio !== undefined ? `; đồng nghiệp cùng đơn vị không tăng như vậy (gấp ${formatNumberVi(unitRatio)} lần${unitCount ? `, ${formatNumberVi(unitCount)} người` : ''})` : '';
  const unitEn = unitRatio !== undefined ? `; its peers in the unit did not (${formatNumberEn(unitRatio)} times${unitCount ? `, ${formatNumberEn(unitCount)} people` : ''})` : '';
  const dossier = withoutDossierClause(e);
  return {
    vi:
      `Tài khoản ${who} tra cứu ngày càng nhiều qua nhiều tuần: trung vị 2 tuần gần nhất (đến ${formatDateVi(last, c.timeZone)}) là ${formatNumberVi(recent)} lượt/ngày, ` +
      `gấp ${formatNumberVi(ratio)} lần 6-10 tuần trước đó (${formatNumberVi(earlier)})${trendVi}, không có ngày nào tăng đột biến${unitVi}${dossier.vi}.`,
    en:
      `Account ${who} has been looking up more and more over weeks: a median of ${formatNumberEn(recent)} lookups a day in the two weeks to ${formatDateEn(last, c.timeZone)}, ` +
      `${formatNumberEn(ratio)} times 6-10 weeks earlier (${formatNumberEn(earlier)})${trendEn}, with no single day's jump${unitEn}${dossier.en}.`,
  };
}

export const GRADUAL_GROWTH_EXPLANATION_TEMPLATES = { gradual_growth: gradualGrowth };
