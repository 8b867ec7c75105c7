import { hasMessage, Translate } from '@/i18n';

/** A rejection's reason code in words (ingest.reason.*), or the code itself when the catalogue has none. */
export const reasonLabel = (t: Translate, reason: string): string => {
  const key = `ingest.reason.${reason}`;
  return hasMessage(key) ? t(key) : reason;
};
