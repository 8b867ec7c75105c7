import { AlertExplanation, ExplanationContext, ExplanationTemplate } from './alert-explanation.type';
import {
  formatDateEn,
  formatDateTimeEn,
  formatDateTimeVi,
  formatDateVi,
  formatNumberEn,
  formatNumberVi,
  formatShareVi,
  timesOf,
} from './vi-format.util';
import { NETWORK_EXPLANATION_TEMPLATES } from './network-explanation.constant';
import { SOURCE_POLICY_EXPLANATION_TEMPLATES } from './source-policy-explanation.constant';
import { SHARE_WINDOW_EXPLANATION_TEMPLATES } from './share-window-explanation.constant';
import { BULK_EXPORT_EXPLANATION_TEMPLATES } from './bulk-export-explanation.constant';
import { DORMANT_WAKING_EXPLANATION_TEMPLATES } from './dormant-waking-explanation.constant';
import { GRADUAL_GROWTH_EXPLANATION_TEMPLATES } from './gradual-growth-explanation.constant';
import { OFF_HOURS_EXPLANATION_TEMPLATES } from './off-hours-explanation.constant';
import { VOLUME_EXPLANATION_TEMPLATES } from './volume-explanation.constant';
import { WINDOW_EXPLANATION_TEMPLATES } from './window-explanation.constant';
import { TRACE_SEARCH_EXPLANATION_TEMPLATES } from './trace-search-explanation.constant';

/**
 * Every phrase an alert says, in one place, in the glossary's words (tài khoản, tra cứu, công dân, hồ sơ,
 * cơ quan/đơn vị, hệ thống kết nối). A template reads the evidence its detector writes; a value missing from the
 * evidence leaves its clause out rather than printing "undefined".
 */
const num = (e: Record<string, unknown>, key: string): number | undefined => {
  const value = key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), e);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};
const str = (e: Record<string, unknown>, key: string): string | undefined => (typeof e[key] === 'string' ? (e[key] as string) : undefined);
const date = (e: Record<string, unknown>, key: string): Date | undefined => {
  const v = e[key];
  const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};
const accountsVi = (c: ExplanationContext): string =>
  c.accountIds.length === 1 ? `Tài khoản ${c.accountIds[0]}` : `${formatNumberVi(c.accountIds.length)} tài khoản (${c.accountIds.slice(0, 5).join(', ')}${c.accountIds.length > 5 ? ', …' : ''})`;
const accountsEn = (c: ExplanationContext): string =>
  c.accountIds.length === 1 ? `Account ${c.accountIds[0]}` : `${formatNumberEn(c.accountIds.length)} accounts (${c.accountIds.slice(0, 5).join(', ')}${c.accountIds.length > 5 ? ', …' : ''})`;

const OPERATION_VI: Record<string, string> = { directory_full_sync: 'đồng bộ toàn bộ danh bạ tài khoản', idle_lock: 'khóa tài khoản không sử dụng' };
const OPERATION_EN: Record<string, string> = { directory_full_sync: 'full account-directory sync', idle_lock: 'idle-account lock run' };

function lockedAccountInUse(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const n = num(e, 'eventCount') ?? 1;
  const lockedAt = date(e, 'lockedAt');
  const first = date(e, 'firstEventAt') ?? c.occurredAt;
  const last = date(e, 'lastEventAt') ?? first;
  const reason = str(e, 'lockReason');
  return {
    vi:
      `${accountsVi(c)} đã bị khóa${lockedAt ? ` lúc ${formatDateTimeVi(lockedAt, c.timeZone)}` : ''}${reason ? ` (lý do: ${reason})` : ''} ` +
      `nhưng vẫn được dùng ${formatNumberVi(n)} lần, từ ${formatDateTimeVi(first, c.timeZone)} đến ${formatDateTimeVi(last, c.timeZone)}, ` +
      `sau khi lệnh khóa đã đến hệ thống TTHC. Cần xác minh ai đang dùng tài khoản này và vì sao lệnh khóa không có hiệu lực.`,
    en:
      `${accountsEn(c)} was locked${lockedAt ? ` at ${formatDateTimeEn(lockedAt, c.timeZone)}` : ''}${reason ? ` (reason: ${reason})` : ''} ` +
      `but was still used ${formatNumberEn(n)} time(s), from ${formatDateTimeEn(first, c.timeZone)} to ${formatDateTimeEn(last, c.timeZone)}, ` +
      `after the lock had reached the TTHC system. Find out who is using the account and why the lock did not hold.`,
  };
}

function futureEventTime(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const n = num(e, 'eventCount') ?? 1;
  const skew = num(e, 'futureSkewSeconds');
  const systems = Array.isArray(e.sourceSystems) ? (e.sourceSystems as string[]).join(', ') : undefined;
  return {
    vi:
      `${accountsVi(c)} có ${formatNumberVi(n)} bản ghi nhật ký tra cứu nhận ngày ${formatDateVi(c.occurredAt, c.timeZone)} ` +
      `mang thời điểm trong tương lai${skew !== undefined ? ` (sớm hơn lúc nhận quá ${formatNumberVi(skew)} giây)` : ''}` +
      `${systems ? `, từ hệ thống kết nối ${systems}` : ''}. Đồng hồ của hệ thống gửi có thể sai, hoặc thời điểm đã bị sửa; ` +
      `các bản ghi này không được tính là lần sử dụng tài khoản.`,
    en:
      `${accountsEn(c)} has ${formatNumberEn(n)} log record(s) received on ${formatDateEn(c.occurredAt, c.timeZone)} ` +
      `dated in the future${skew !== undefined ? ` (more than ${formatNumberEn(skew)} seconds ahead of receipt)` : ''}` +
      `${systems ? `, from source system ${systems}` : ''}. The sender's clock may be wrong, or the times were altered; ` +
      `these records do not count as use of the account.`,
  };
}

function massChangeBlocked(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const op = str(e, 'operation') ?? '';
  const affected = num(e, 'affected') ?? 0;
  const active = num(e, 'activeAccounts');
  const threshold = num(e, 'threshold');
  const by = str(e, 'requestedBy');
  return {
    vi:
      `Một lần ${OPERATION_VI[op] ?? op} ngày ${formatDateVi(c.occurredAt, c.timeZone)} sẽ khóa hoặc gỡ ${formatNumberVi(affected)}` +
      `${active !== undefined ? ` trong số ${formatNumberVi(active)}` : ''} tài khoản đang hoạt động` +
      `${threshold !== undefined ? `, vượt ngưỡng ${formatNumberVi(threshold)}` : ''}, nên đã bị dừng lại, chưa thay đổi gì, chờ xác nhận` +
      `${by ? ` (người yêu cầu: ${by})` : ''}. Hãy kiểm tra danh sách trước khi xác nhận: một danh bạ gửi thiếu có thể khóa nhầm nhiều cán bộ.`,
    en:
      `A ${OPERATION_EN[op] ?? op} on ${formatDateEn(c.occurredAt, c.timeZone)} would lock or remove ${formatNumberEn(affected)}` +
      `${active !== undefined ? ` of ${formatNumberEn(active)}` : ''} active accounts` +
      `${threshold !== undefined ? `, more than the threshold of ${formatNumberEn(threshold)}` : ''}, so it was stopped, changing nothing, until confirmed` +
      `${by ? ` (requested by ${by})` : ''}. Check the list before confirming: an incomplete directory could lock many officials by mistake.`,
  };
}

/**
 * A day's volume far above normal, for the detectors to raise: evidence { observed: { subjects },
 * expected: { baseline, peers? }, unexplainedShare? }.
 */
function subjectVolume(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const observed = num(e, 'observed.subjects') ?? 0;
  const baseline = num(e, 'expected.baseline');
  const peers = num(e, 'expected.peers');
  const unexplained = num(e, 'unexplainedShare');
  const day = c.windowStart;
  return {
    vi:
      `${accountsVi(c)} tra cứu ${formatNumberVi(observed)} công dân ngày ${formatDateVi(day, c.timeZone)}` +
      `${baseline !== undefined ? `, gấp ${formatNumberVi(timesOf(observed, baseline))} lần mức thường ngày (${formatNumberVi(baseline)})` : ''}` +
      `${peers !== undefined ? ` và gấp ${formatNumberVi(timesOf(observed, peers))} lần đồng nghiệp cùng đơn vị (${formatNumberVi(peers)})` : ''}` +
      `${unexplained !== undefined ? `; ${formatShareVi(unexplained)} lượt tra cứu không gắn hồ sơ` : ''}.`,
    en:
      `${accountsEn(c)} looked up ${formatNumberEn(observed)} citizens on ${formatDateEn(day, c.timeZone)}` +
      `${baseline !== undefined ? `, ${formatNumberEn(timesOf(observed, baseline))} times its usual day (${formatNumberEn(baseline)})` : ''}` +
      `${peers !== undefined ? ` and ${formatNumberEn(timesOf(observed, peers))} times its peers in the same unit (${formatNumberEn(peers)})` : ''}` +
      `${unexplained !== undefined ? `; ${formatShareVi(unexplained)} of the lookups are not linked to a dossier` : ''}.`,
  };
}

/** Any type without its own template: what, who and when, so that the alert is never silent. */
export function genericExplanation(c: ExplanationContext): AlertExplanation {
  const sameDay = formatDateVi(c.windowStart, c.timeZone) === formatDateVi(c.windowEnd, c.timeZone);
  const whoVi = c.accountIds.length ? `${accountsVi(c)}: ` : '';
  const whoEn = c.accountIds.length ? `${accountsEn(c)}: ` : '';
  return {
    vi: `${whoVi}cảnh báo "${c.type}" ${sameDay ? `ngày ${formatDateVi(c.windowStart, c.timeZone)}` : `từ ${formatDateVi(c.windowStart, c.timeZone)} đến ${formatDateVi(c.windowEnd, c.timeZone)}`}. Xem bằng chứng kèm theo để biết chi tiết.`,
    en: `${whoEn}alert "${c.type}" ${sameDay ? `on ${formatDateEn(c.windowStart, c.timeZone)}` : `from ${formatDateEn(c.windowStart, c.timeZone)} to ${formatDateEn(c.windowEnd, c.timeZone)}`}. See the evidence for details.`,
  };
}

export const EXPLANATION_TEMPLATES: Readonly<Record<string, ExplanationTemplate>> = {
  locked_account_in_use: lockedAccountInUse,
  future_event_time: futureEventTime,
  mass_change_blocked: massChangeBlocked,
  subject_volume: subjectVolume,
  ...VOLUME_EXPLANATION_TEMPLATES,
  ...NETWORK_EXPLANATION_TEMPLATES,
  ...SOURCE_POLICY_EXPLANATION_TEMPLATES,
  ...SHARE_WINDOW_EXPLANATION_TEMPLATES,
  ...OFF_HOURS_EXPLANATION_TEMPLATES,
  ...DORMANT_WAKING_EXPLANATION_TEMPLATES,
  ...GRADUAL_GROWTH_EXPLANATION_TEMPLATES,
  ...BULK_EXPORT_EXPLANATION_TEMPLATES,
  ...WINDOW_EXPLANATION_TEMPLATES,
  ...TRACE_SEARCH_EXPLANATION_TEMPLATES,
};

export function explain(context: ExplanationContext): AlertExplanation {
  return (EXPLANATION_TEMPLATES[context.type] ?? genericExplanation)(context);
}
