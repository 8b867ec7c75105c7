/** How idleness is measured: N calendar months, counted in local dates of one time zone. */
export interface IdlePolicy {
  idleMonths: number;
  timeZone: string;
}

/**
 * What the idle lock counts from: the latest of the account's own activity, the directory's last sign-in, its
 * creation and the grace period an unlock gave; the day the service first saw it when none is known.
 */
export const idleSinceSql = (a: string): string =>
  `COALESCE(GREATEST(${a}.last_activity_at, ${a}.directory_last_login_at, ${a}.directory_created_at, ${a}.grace_from), ${a}.first_seen_at)`;

/**
 * The local date on which the idle lock falls due: the local date of idleSince plus N calendar months
 * (PostgreSQL clamps to the month's end: 30 November + 3 months = 28 February).
 */
export const lockDueOnSql = (a: string, timeZoneParam: string, monthsParam: string): string =>
  `((${idleSinceSql(a)} AT TIME ZONE ${timeZoneParam})::date + make_interval(months => ${monthsParam}::int))::date`;

/** Today's local date in the policy's time zone, as SQL over a timestamptz parameter. */
export const localDateSql = (nowParam: string, timeZoneParam: string): string =>
  `(${nowParam}::timestamptz AT TIME ZONE ${timeZoneParam})::date`;
