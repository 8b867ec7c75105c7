import { isLocalDay } from '@app/detection';
import type { BreachNoticeContent } from './breach-notice.type';
import { BREACH_NOTICE_FORMS, breachNoticeFormOn } from './breach-notice-form.util';
import { holdsPersonalId, NUMBER_KEYS, organisationNumbers } from '../personal-id-guard.util';

/** A value still as the sample configuration gives it, e.g. "(địa chỉ trụ sở chính)". */
const PLACEHOLDER = /^\(.*\)$/;

function text(problems: string[], path: string, value: string | null | undefined, what: string): void {
  if (!value?.trim()) problems.push(`${path}: must give ${what}`);
  else if (PLACEHOLDER.test(value.trim()))
    problems.push(
      `${path}: is still the placeholder "${value.trim()}": replace it in the configuration or the draft`,
    );
}

function instant(problems: string[], path: string, value: string | null): number | null {
  if (value === null) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) problems.push(`${path}: must be an ISO date and time, not "${value}"`);
  return Number.isNaN(t) ? null : t;
}

function count(problems: string[], path: string, value: number | null): void {
  if (value !== null && (!Number.isInteger(value) || value < 0))
    problems.push(`${path}: must be a whole number ≥ 0`);
}

function checkOrganisation(c: BreachNoticeContent, problems: string[]): void {
  const o = c.organisation;
  text(problems, 'organisation.name', o.name, "the organisation's name");
  text(problems, 'organisation.headOfficeAddress', o.headOfficeAddress, 'the head office address');
  text(problems, 'organisation.transactionAddress', o.transactionAddress, 'the transaction address');
  text(
    problems,
    'organisation.foundingDocument',
    o.foundingDocument,
    'the founding or registration document',
  );
  text(problems, 'organisation.phone', o.phone, 'a phone number');
  text(
    problems,
    'organisation.dataProtectionLead.name',
    o.dataProtectionLead.name,
    "the data-protection lead's name",
  );
  text(problems, 'organisation.dataProtectionLead.title', o.dataProtectionLead.title, "the lead's title");
  text(problems, 'organisation.dataProtectionLead.phone', o.dataProtectionLead.phone, "the lead's phone");
  text(problems, 'organisation.signer.title', o.signer.title, "the signer's title");
  text(problems, 'organisation.signer.name', o.signer.name, "the signer's name");
  if (BREACH_NOTICE_FORMS[c.form].asksTaxCodeAndLeadEmail) {
    text(problems, 'organisation.taxCode', o.taxCode, 'the tax code (Form 08 asks it)');
    text(
      problems,
      'organisation.dataProtectionLead.email',
      o.dataProtectionLead.email,
      "the lead's email (Form 08 asks it)",
    );
    if (o.taxCode && /^0+(-0+)?$/.test(o.taxCode.trim()))
      problems.push('organisation.taxCode: is still the placeholder 0000000000: give the real tax code');
  }
}

function checkViolation(c: BreachNoticeContent, problems: string[]): void {
  const v = c.violation;
  const discovered = instant(problems, 'violation.discoveredAt', v.discoveredAt);
  const from = instant(problems, 'violation.occurredFrom', v.occurredFrom);
  const to = instant(problems, 'violation.occurredTo', v.occurredTo);
  if (from !== null && to !== null && from > to)
    problems.push('violation.occurredTo: must not be before occurredFrom');
  if (discovered !== null) {
    const form = breachNoticeFormOn(new Date(discovered));
    if (form !== c.form)
      problems.push(
        `form: a violation discovered on ${v.discoveredAt} is notified on ${BREACH_NOTICE_FORMS[form].reference}`,
      );
  }
  text(problems, 'violation.place', v.place, 'where the violation took place');
  text(problems, 'violation.act', v.act, 'what was done');
  text(problems, 'violation.parties', v.parties, 'the organisations and persons involved');
  text(problems, 'violation.responsiblePerson', v.responsiblePerson, 'the person responsible');
  text(problems, 'violation.consequences', v.consequences, 'the consequences and possible harm');
  text(problems, 'violation.measuresTaken', v.measuresTaken, 'the measures taken');
  if (!v.dataCategories.length)
    problems.push('violation.dataCategories: must name at least one category of data');
  v.dataCategories.forEach((d, i) =>
    text(problems, `violation.dataCategories.${i}.label`, d.label, 'its label'),
  );
  count(problems, 'violation.subjectsAffected', v.subjectsAffected);
  count(problems, 'violation.recordsAffected', v.recordsAffected);
  if (v.subjectsAffected === null && v.recordsAffected === null)
    problems.push('violation.subjectsAffected: must give the volume of data (citizens or records affected)');
}

/** Every string of the content, with its path, but phone numbers and tax codes (long digit runs by nature). */
function strings(value: unknown, path: string, out: [string, string][], key = ''): [string, string][] {
  if (typeof value === 'string') {
    if (!NUMBER_KEYS.has(key)) out.push([path, value]);
  } else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}.${i}`, out, key));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out, k);
  return out;
}

/** What keeps the content from being finalised, each as "path: why"; [] when it is ready. */
export function validateBreachNotice(content: BreachNoticeContent): string[] {
  const problems: string[] = [];
  if (!BREACH_NOTICE_FORMS[content.form]) return [`form: must be decree-356-form-08 or decree-13-form-03`];
  if (!isLocalDay(content.issuedOn))
    problems.push(`issuedOn: must be a date YYYY-MM-DD, not "${content.issuedOn}"`);
  if (!content.recipients.some((r) => r.trim()))
    problems.push('recipients: must name at least one addressee');
  checkOrganisation(content, problems);
  checkViolation(content, problems);
  text(problems, 'commitment', content.commitment, 'the commitment');
  const own = organisationNumbers(content);
  for (const [path, value] of strings(content, '', []))
    if (holdsPersonalId(value, own)) problems.push(`${path}: must not contain a personal ID (9 or more digits, grouped or not)`);
  return problems;
}
