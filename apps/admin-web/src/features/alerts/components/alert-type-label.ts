import { hasMessage, Translate } from '@/i18n';

/** The type in the users' words; a type the catalogue does not know yet keeps its code. */
export function alertTypeLabel(t: Translate, type: string): string {
  const key = `alertType.${type}`;
  return hasMessage(key) ? t(key) : type;
}
