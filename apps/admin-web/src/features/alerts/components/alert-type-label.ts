import { hasMessage, Translate } from '@/i18n';

/** The type in the users' words; a type the catalogue does not know yet keeps its code. */
export function alertTypeLabel(t: Translate, type: string): string {
  const key = `alertType.${type}`;
  return hasMessage(key) ? t(key) : type;
}

export const KNOWN_TYPES = [
  'volume_own_baseline',
  'volume_peers',
  'volume_hourly',
  'unit_surge',
  'subject_volume',
  'locked_account_in_use',
  'future_event_time',
  'mass_change_blocked',
  'enumeration',
  'unexplained_lookups',
  'sensitive_fields',
  'off_hours',
  'cross_unit_citizen',
  'gradual_growth',
  'unregistered_source_system',
  'undeclared_fields',
  'bulk_export',
  'foreign_network',
  'concurrent_networks',
  'dormant_waking',
  'trace_subject_repeated',
  'trace_case_many_subjects',
];
