import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { evidenceNumber as num, evidenceString as str, withoutDossierClause } from './evidence-reader.util';
import { formatDateEn, formatDateVi, formatNumberEn, formatNumberVi, timesOf } from './vi-format.util';

/** The dormant-account detector's phrase (libs/detection, docs/detection.md "Dormant account waking"): dormant_waking. */
function dormantWaking(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const who = c.accountIds[0] ?? '';
  const silent = num(e, 'silentDays') ?? 0;
  const since = str(e, 'silentSince');
  const sinceDate = since ? new Date(`${since}T12:00:00+07:00`) : undefined;
  const days = num(e, 'observed.days') ?? 1;
  const lookups = num(e, 'observed.lookups') ?? 0;
  const busiest = num(e, 'observed.busiestDay') ?? lookups;
  const former = num(e, 'expected.former');
  const formerVi = former ? `, gấp ${formatNumberVi(timesOf(busiest, former))} lần mức trước đây (${formatNumberVi(former)} lượt/ngày)` : ', trước đó không có mức thường ngày để so';
  const formerEn = former ? `, ${formatNumberEn(timesOf(busiest, former))} times its former day (${formatNumberEn(former)})` : ', with no former volume to compare with';
  const dossier = withoutDossierClause(e);
  const many = days > 1;
  return {
    vi:
      `Tài khoản ${who} không tra cứu lần nào trong ${formatNumberVi(silent)} ngày${sinceDate ? ` (từ ${formatDateVi(sinceDate, c.timeZone)})` : ''}, ` +
      `rồi từ ngày ${formatDateVi(c.windowStart, c.timeZone)} có ${formatNumberVi(lookups)} lượt tra cứu${many ? ` trong ${formatNumberVi(days)} ngày, ngày nhiều nhất ${formatNumberVi(busiest)} lượt` : ''}` +
      `${formerVi}${dossier.vi}. Cần xác minh người đang dùng tài khoản có đúng là chủ tài khoản, đã trở lại làm việc.`,
    en:
      `Account ${who} made no lookup for ${formatNumberEn(silent)} days${sinceDate ? ` (since ${formatDateEn(sinceDate, c.timeZone)})` : ''}, ` +
      `then from ${formatDateEn(c.windowStart, c.timeZone)} made ${formatNumberEn(lookups)} lookups${many ? ` in ${formatNumberEn(days)} days, ${formatNumberEn(busiest)} on the busiest` : ''}` +
      `${formerEn}${dossier.en}. Check that whoever uses the account is its holder, back at work.`,
  };
}

export const DORMANT_WAKING_EXPLANATION_TEMPLATES = { dormant_waking: dormantWaking };
