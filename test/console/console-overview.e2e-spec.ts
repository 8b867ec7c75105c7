import { Role } from '@app/auth';
import { Clock } from '@app/common';
import { DirectorySyncService } from '@app/accounts';
import { accountDirectory, LabelledProvinceGenerator, simulate, simulatedSourceSystems } from '@app/gateway-simulator';
import { sql, TEST_SUBJECT_KEY } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { expectAccessible, expectNoHorizontalScroll, screenshot } from './console-browser';
import { useConsole } from './console.fixture';

jest.setTimeout(300_000);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const VN_MS = 7 * HOUR_MS;

/**
 * The real time moved to 15:00 (Vietnam) of the current day, and running on from there: whenever the suite runs,
 * "today" holds a working day's morning and early afternoon of simulated traffic.
 */
class AfternoonClock extends Clock {
  private readonly offset: number;
  constructor() {
    super();
    const now = Date.now();
    const localMidnight = Math.floor((now + VN_MS) / DAY_MS) * DAY_MS - VN_MS;
    this.offset = localMidnight + 15 * HOUR_MS - now;
  }
  override now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const n = (v: number) => vi.format(v);
const pct = (share: number) => `${vi.format(Math.round(share * 1000) / 10)}%`;
const localDay = (at: Date) => new Date(at.getTime() + VN_MS).toISOString().slice(0, 10);

describe('The console: overview', () => {
  const clock = new AfternoonClock();
  const c = useConsole({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY }, { clock });
  const today = localDay(clock.now());
  const start = new Date(Date.parse(`${today}T00:00:00+07:00`) - 29 * DAY_MS);

  beforeAll(async () => {
    // A labelled province (its dossiers are its units': lookups are explained), its directory, then 30 days of its
    // traffic up to now, through the real HTTP ingest.
    const options = { mix: 'standard', seed: 'overview-e2e', start, days: 30, units: 70, accounts: 400, scale: 0.08, count: Infinity };
    const { province, startsAt } = new LabelledProvinceGenerator(options);
    const directory = accountDirectory(province, startsAt);
    // New staff whose first day is later today are refused (created after now): everyone else is taken.
    const synced = await c.t.app.get(DirectorySyncService).sync(JSON.parse(JSON.stringify(directory)), 'json', 'full', 'overview-test');
    expect(synced.rejected.length).toBeLessThan(3);
    const operator = await bearerFor(c.t.app, Role.OPERATOR);
    for (const system of simulatedSourceSystems()) await c.http().post('/v1/source-systems').set('Authorization', operator).send(system).expect(201);
    const token = operator.replace(/^Bearer /, '');
    const summary = await simulate({ to: 'http', url: c.base, token, batchSize: 2000, progress: null, until: clock.now(), ...options });
    expect(summary.events).toBeGreaterThan(5_000);
    // The day detectors over the finished days (today's run at its end), as the daily job does.
    const admin = await bearerFor(c.t.app, Role.ADMIN);
    await c.http().post('/v1/detection/scan').set('Authorization', admin).send({ from: localDay(start), to: today }).expect((r) => expect([200, 201]).toContain(r.status));
  }, 300_000);

  it('shows the day after a simulator run: lookups today and this month, the share explained, alerts by severity, ingest, trends', async () => {
    const officer = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/overview`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByRole('heading', { name: 'Tổng quan', level: 1 }).waitFor();

    const admin = await bearerFor(c.t.app, Role.ADMIN);
    const series = (await c.http().get('/v1/detection/lookups/daily?days=30').set('Authorization', admin).expect(200)).body;
    const alerts = (await c.http().get('/v1/alerts/summary').set('Authorization', admin).expect(200)).body;
    const ingest = (await c.http().get('/v1/ingest/status').set('Authorization', admin).expect(200)).body;

    // The API's figures are the store's: lookups of today and this month counted from the stored events.
    const [stored] = await sql<{ today: number; month: number }>(
      c.t.db.url,
      `SELECT count(*) FILTER (WHERE d = $1::date)::int AS today, count(*) FILTER (WHERE d >= date_trunc('month', $1::date))::int AS month
       FROM (SELECT (occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS d FROM query_event
             WHERE action IN ('lookup', 'verify') AND NOT ('future_time' = ANY (flags))) e`,
      [today],
    );
    expect(series.today.lookups).toBe(stored.today);
    expect(series.month.lookups).toBe(stored.month);
    expect(series.today.lookups).toBeGreaterThan(0);
    expect(series.month.share).toBeGreaterThan(0);
    expect(alerts.open).toBeGreaterThan(0);

    await c.page.getByTestId('lookups-today').getByText(n(series.today.lookups), { exact: true }).waitFor();
    await c.page.getByTestId('lookups-month').getByText(n(series.month.lookups), { exact: true }).waitFor();
    await c.page.getByTestId('explained-share').getByText(pct(series.month.share), { exact: true }).waitFor();
    await c.page.getByTestId('open-alerts').getByText(n(alerts.open), { exact: true }).waitFor();
    for (const [severity, count] of Object.entries(alerts.openBySeverity as Record<string, number>)) {
      expect(await c.page.getByTestId(`open-${severity}`).textContent()).toBe(n(count));
    }
    expect(await c.page.getByTestId('ingest-rejections').textContent()).toBe(n(ingest.rejections.total));
    await c.page.getByTestId('ingest-card').getByText('Không dùng Kafka (nhận qua HTTP, tệp)').waitFor();
    const locks = (await c.http().get('/v1/accounts?state=active&lockDueWithinDays=7&limit=1').set('Authorization', admin).expect(200)).body;
    await c.page.getByTestId('locks-card').getByText(n(locks.total), { exact: true }).waitFor();

    // The charts: a point a day, and a line drawn through them.
    const lookupsChart = c.page.getByTestId('lookups-chart');
    expect(await lookupsChart.getAttribute('data-points')).toBe('30');
    await lookupsChart.locator('.recharts-line-curve').first().waitFor();
    const sharePoints = series.days.filter((d: { share: number | null }) => d.share !== null).length;
    expect(sharePoints).toBeGreaterThan(0);
    expect(await c.page.getByTestId('share-chart').getAttribute('data-points')).toBe(String(sharePoints));
    await expectNoHorizontalScroll(c.page, 'overview');
    await expectAccessible(c.page, 'overview');
    await c.page.mouse.move(0, 760); // no chart's tooltip in the picture
    await screenshot(c.page, 'overview', { fullPage: true });

    await c.page.getByTestId('lookup-trends').getByText('90 ngày').click();
    await c.page.locator('[data-testid="lookups-chart"][data-points="90"]').waitFor();

    // A severity leads to the queue of that severity.
    const severity = Object.keys(alerts.openBySeverity)[0];
    await c.page.getByTestId(`open-${severity}`).click();
    await c.page.waitForURL(`**/alerts?severity=${severity}`);
    await c.page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
  });

  it("shows a reviewer the alerts and the accounts, but not ingest health (not the reviewer's to read)", async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/overview`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByTestId('locks-card').waitFor();
    await c.page.getByTestId('lookups-today').locator('.ant-statistic').waitFor();
    expect(await c.page.getByTestId('ingest-card').count()).toBe(0);
    await c.page.setViewportSize({ width: 820, height: 1180 });
    await expectNoHorizontalScroll(c.page, 'overview on a tablet');
  });
});
