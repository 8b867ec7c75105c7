import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/** The organisation file's name in config/, used unless REPORTS_ORGANISATION_FILE names another. */
export const REPORT_ORGANISATION_FILE = 'report-organisation.json';

const line = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const symbol = z
  .string()
  .regex(/^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$/, 'must look like BC-VP (capitals and digits, joined by dashes)');

/**
 * What the breach notice to the Ministry of Public Security prints about the organisation (Form 03 of Decree
 * 13/2023/NĐ-CP, Form 08 of Decree 356/2025/NĐ-CP, which adds the tax code and the data-protection lead's email) and
 * whom it is addressed to: the Ministry's specialised data-protection agency (A05) and, where the province asks for
 * it, the Provincial People's Committee through the provincial police.
 */
const noticeSchema = z.object({
  /** The organisation's full name, e.g. "Văn phòng Ủy ban nhân dân tỉnh Quảng Trị". */
  name: line,
  headOfficeAddress: line,
  /** Where it deals with the public, when not the head office: the head office's address is used when omitted. */
  transactionAddress: line.optional(),
  /** The founding decision or registration document, e.g. "Quyết định số 12/QĐ-UBND ngày 05/01/2010 …". */
  foundingDocument: line,
  /** Printed on Form 08 only. */
  taxCode: z
    .string()
    .regex(
      /^\d{10}(-\d{3})?$/,
      'must be a tax code of 10 digits, or 13 with a branch suffix (0101234567-001)',
    )
    .optional(),
  phone: line,
  /** The organisation's email; the reports' email when omitted. */
  email: z.string().email('must be an email address').optional(),
  website: line.optional(),
  dataProtectionLead: z.object({
    name: line,
    title: line,
    phone: line,
    /** Printed on Form 08 only. */
    email: z.string().email('must be an email address'),
  }),
  /** The notice's symbol after its number ("Số: 3/TB-VP"). */
  symbol,
  /** Who signs the notice; the reports' signer when omitted. */
  signer: z.object({ authority: line.optional(), title: line, name: line }).optional(),
  recipients: z.object({
    /** The Ministry of Public Security's specialised personal-data-protection agency. */
    ministry: line,
    /** The Provincial People's Committee through the provincial police, where the province asks for it. */
    province: line.optional(),
    /** Also notify the province (Quảng Trị asks for it). */
    notifyProvince: z.boolean(),
    /** Further lines of "Nơi nhận" after the addressees, e.g. "Lưu: VT, HCTC.". */
    copies: z.array(line),
  }),
});

/**
 * Who issues the reports, as printed on them (Decree 30/2020/NĐ-CP, appendix I): the governing body and the
 * issuing body (top left), the symbol after the number ("Số: 12/BC-VP"), the place before the date, the signer
 * and the recipients ("Nơi nhận").
 */
const organisationSchema = z.object({
  governingBody: line,
  issuingBody: line,
  symbol,
  place: line,
  address: line.optional(),
  phone: line.optional(),
  email: z.string().email('must be an email address').optional(),
  website: line.optional(),
  signer: z.object({
    /** e.g. "KT. CHÁNH VĂN PHÒNG" above the title when a deputy signs; omitted when the head signs. */
    authority: line.optional(),
    title: line,
    name: line,
  }),
  recipients: z.array(line).min(1, 'must name at least one recipient'),
  notice: noticeSchema.refine((n) => !n.recipients.notifyProvince || n.recipients.province, {
    message:
      "recipients.province must name the Provincial People's Committee when recipients.notifyProvince is true",
  }),
});

export type ReportOrganisation = z.output<typeof organisationSchema>;
export type NoticeOrganisationConfig = ReportOrganisation['notice'];

/** Reports to the Office: who issues them, when they are made, what counts as an old open alert. */
export interface ReportsConfig {
  organisation: ReportOrganisation;
  /** Cron patterns with seconds, in Asia/Ho_Chi_Minh; undefined: that schedule is off. */
  schedules: { weekly?: string; monthly?: string; quarterly?: string };
  /** Seconds after which an open high or critical alert is listed as overdue. */
  openAlertAge: number;
  delivery: ReportDeliveryConfig;
  urgent: UrgentNoticeConfig;
}

/** Where reports go once archived (docs/reports.md, "Delivery"). Durations in seconds. */
export interface ReportDeliveryConfig {
  /** One email per address, with the PDF and XLSX attached. Empty: no email. */
  emails: string[];
  /** Signed JSON of the report's metadata, sums and download links. Unset: no webhook. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** The report kinds delivered; the others are archived only. */
  kinds: ('weekly' | 'monthly' | 'quarterly' | 'on_demand')[];
  maxAttempts: number;
  /** First retry delay, doubled after each failed attempt. */
  retryBase: number;
  /** How often the jobs role retries what is due. */
  interval: number;
  /** The service's address as the receivers reach it (download links); unset: the links are paths. */
  publicUrl?: string;
}

/** Urgent notices: a critical alert mailed to the Office at once, once per alert (docs/reports.md, "Urgent notices"). */
export interface UrgentNoticeConfig {
  /** Default: the report email recipients. */
  emails: string[];
  /** An alert is urgent when its type is listed and its severity is one of these. Empty types: no notices. */
  alertTypes: string[];
  severities: string[];
}

/** Reads and checks the organisation file; the problems name the file and each field. */
export function loadReportOrganisation(
  file: string | undefined,
  configDir: string,
): { organisation?: ReportOrganisation; problems: string[] } {
  const path = file
    ? isAbsolute(file)
      ? file
      : resolve(process.cwd(), file)
    : join(configDir, REPORT_ORGANISATION_FILE);
  let raw: unknown;
  try {
    const { $comment: _comment, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    raw = rest;
  } catch (error) {
    return {
      problems: [`REPORTS_ORGANISATION_FILE: ${path} cannot be read as JSON (${(error as Error).message})`],
    };
  }
  const parsed = organisationSchema.safeParse(raw);
  if (parsed.success) return { organisation: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map(
      (i) => `REPORTS_ORGANISATION_FILE: ${path}: ${i.path.join('.') || '(root)'}: ${i.message}`,
    ),
  };
}
