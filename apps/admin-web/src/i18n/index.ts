export { I18nProvider, useI18n, hasMessage } from './i18n-provider';
export type { Translate } from './i18n-provider';
export { formatDate, formatDateTime, localDayOf, TIME_ZONE } from './format';
export type { Lang } from './format';
export type { MessageKey } from './vi';
