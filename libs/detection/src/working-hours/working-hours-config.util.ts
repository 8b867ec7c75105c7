import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DIR } from '@app/config';
import { scheduleProblems, WeeklySchedule } from './weekly-schedule.type';

export const WORKING_HOURS_FILE = 'working-hours.json';
/** Injection token of the parsed file. */
export const WORKING_HOURS_CONFIG = Symbol('WORKING_HOURS_CONFIG');
/** The only zone supported: Vietnam has one, without daylight saving (see local-day.util). */
export const WORKING_HOURS_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface WorkingHoursConfig {
  default: WeeklySchedule;
  unitKinds: Record<string, WeeklySchedule>;
}

const withoutComment = (value: Record<string, unknown>): WeeklySchedule => {
  const { $comment: _comment, ...rest } = value;
  return rest as WeeklySchedule;
};

/** Reads and checks config/working-hours.json; a mistake stops the start with the file, the key and the problem. */
export function loadWorkingHoursConfig(file = join(CONFIG_DIR, WORKING_HOURS_FILE)): WorkingHoursConfig {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    timeZone?: string;
    default?: Record<string, unknown>;
    unitKinds?: Record<string, Record<string, unknown>>;
  };
  const problems: string[] = [];
  if (raw.timeZone !== WORKING_HOURS_TIME_ZONE) problems.push(`timeZone: must be ${WORKING_HOURS_TIME_ZONE}`);
  if (!raw.default) problems.push('default: missing');
  const config: WorkingHoursConfig = {
    default: withoutComment(raw.default ?? {}),
    unitKinds: Object.fromEntries(Object.entries(raw.unitKinds ?? {}).map(([kind, s]) => [kind, withoutComment(s)])),
  };
  problems.push(...scheduleProblems(config.default).map((p) => `default.${p}`));
  for (const [kind, schedule] of Object.entries(config.unitKinds)) {
    problems.push(...scheduleProblems(schedule).map((p) => `unitKinds.${kind}.${p}`));
  }
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return config;
}
