/** How idleness is measured: N calendar months, counted in local dates of one time zone, from evidence only. */
export interface IdlePolicy {
  idleMonths: number;
  timeZone: string;
  /** From when the service has the gateway's logs; null while it has none. */
  observationStart: Date | null;
}

/** Which fact the idle count starts from; no_evidence: neither logs nor a directory sign-in, so never due. */
export const IDLE_BASES = [
  'activity',
  'directory_last_login',
  'unlock_grace',
  'listed',
  'directory_created',
  'observation_start',
  'no_evidence',
] as const;
export type IdleBasis = (typeof IDLE_BASES)[number];

/**
 * What the idle count starts from: the latest of the account's own activity, the directory's last sign-in, its
 * creation, its first listing by a later sync and an unlock's grace start. Never before the observation start —
 * before it, the absence of events proves nothing — unless the directory's last sign-in is known, which is a
 * fact however old. Null (not due at all) with neither logs nor a directory sign-in.
 */
export const idleSinceSql = (a: string, observationStartParam: string): string => {
  const obs = `${observationStartParam}::timestamptz`;
  return `(CASE WHEN ${a}.directory_last_login_at IS NULL AND ${obs} IS NULL THEN NULL ELSE GREATEST(${a}.last_activity_at,
    ${a}.directory_last_login_at, ${a}.directory_created_at, ${a}.listed_at, ${a}.grace_from,
    CASE WHEN ${a}.directory_last_login_at IS NULL THEN ${obs} END) END)`;
};

/** The IdleBasis of idleSinceSql; on a tie, a fact about the account wins over the observation start. */
export const idleBasisSql = (a: string, observationStartParam: string): string => {
  const since = idleSinceSql(a, observationStartParam);
  return `(CASE WHEN ${since} IS NULL THEN 'no_evidence'
    WHEN ${since} = ${a}.last_activity_at THEN 'activity'
    WHEN ${since} = ${a}.directory_last_login_at THEN 'directory_last_login'
    WHEN ${since} = ${a}.grace_from THEN 'unlock_grace'
    WHEN ${since} = ${a}.listed_at THEN 'listed'
    WHEN ${since} = ${a}.directory_created_at THEN 'directory_created'
    ELSE 'observation_start' END)`;
};

/**
 * The local date on which the idle lock falls due: the local date of idleSince plus N calendar months
 * (PostgreSQL clamps to the month's end: 30 November + 3 months = 28 February). Null when idleSince is.
 */
export const lockDueOnSql = (
  a: string,
  observationStartParam: string,
  timeZoneParam: string,
  monthsParam: string,
): string =>
  `((${idleSinceSql(a, observationStartParam)} AT TIME ZONE ${timeZoneParam})::date + make_interval(months => ${monthsParam}::int))::date`;

/** Today's local date in the policy's time zone, as SQL over a timestamptz parameter. */
export const localDateSql = (nowParam: string, timeZoneParam: string): string =>
  `(${nowParam}::timestamptz AT TIME ZONE ${timeZoneParam})::date`;
