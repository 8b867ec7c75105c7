/** One paragraph a non-engineer reads, in the users' language and in English. */
export interface AlertExplanation {
  vi: string;
  en: string;
}

/** What a template reads: the alert as raised, with its accounts resolved and dates formatted in the time zone. */
export interface ExplanationContext {
  type: string;
  accountIds: string[];
  occurredAt: Date;
  windowStart: Date;
  windowEnd: Date;
  evidence: Record<string, unknown>;
  timeZone: string;
}

export type ExplanationTemplate = (context: ExplanationContext) => AlertExplanation;
