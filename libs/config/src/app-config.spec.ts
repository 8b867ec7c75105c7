import { ConfigurationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('starts from config/defaults.json when nothing is set', () => {
    const sut = loadConfig({});
    expect(sut.http.port).toBe(3000);
    expect([...sut.roles]).toEqual(['api', 'ingest', 'jobs']);
    expect(sut.database.url).toBeUndefined();
    expect(sut.database.migrateOnStart).toBe(true);
    expect(sut.kafka).toBeUndefined();
  });

  it('lets environment variables override the defaults', () => {
    const sut = loadConfig({
      PORT: '8080',
      ROLES: 'ingest',
      DATABASE_URL: 'postgres://u@db:5432/audit',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
    });
    expect(sut.http.port).toBe(8080);
    expect([...sut.roles]).toEqual(['ingest']);
    expect(sut.database.migrateOnStart).toBe(false);
    expect(sut.kafka?.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(sut.kafka?.topic).toBe('tthc.query-logs');
  });

  it('reads the observation start as an instant and the mass-change limits', () => {
    expect(loadConfig({}).accounts).toMatchObject({ observationStart: undefined, massChange: { share: 0.1, min: 20 } });
    const sut = loadConfig({ ACCOUNT_OBSERVATION_START: '2026-08-01T00:00:00+07:00', ACCOUNT_MASS_CHANGE_SHARE: '0.25' });
    expect(sut.accounts.observationStart).toEqual(new Date('2026-07-31T17:00:00Z'));
    expect(sut.accounts.massChange.share).toBe(0.25);
  });

  it.each([
    [{ ACCOUNT_OBSERVATION_START: '2026-08-01' }, /ACCOUNT_OBSERVATION_START: must be a date-time with an offset/],
    [{ ACCOUNT_MASS_CHANGE_SHARE: '10' }, /ACCOUNT_MASS_CHANGE_SHARE: must be at most 1/],
    [{ PORT: '99999' }, /PORT: .*65535.*got "99999"/],
    [{ PORT: 'abc' }, /PORT: /],
    [{ ROLES: 'api,reports' }, /ROLES: each role must be one of api, ingest, jobs/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must be a postgres/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL: /],
    [{ KAFKA_SASL_MECHANISM: 'plain' }, /KAFKA_SASL_USERNAME/],
    [{ SUBJECT_HASH_PREVIOUS_KEYS: 'k0=short' }, /SUBJECT_HASH_PREVIOUS_KEYS: pair 1 \(k0\): the key must be at least 32/],
    [{ SUBJECT_HASH_PREVIOUS_KEYS: `${'a'.repeat(40)}` }, /SUBJECT_HASH_PREVIOUS_KEYS: pair 1: must be id=key/],
    [{ REPORTS_DELIVERY_EMAILS: 'vanphong@quangtri.gov.vn, lanhdao' }, /REPORTS_DELIVERY_EMAILS: must be email addresses/],
    [{ REPORTS_DELIVERY_KINDS: 'monthly,yearly' }, /REPORTS_DELIVERY_KINDS: must list report kinds among weekly/],
    [{ REPORTS_DELIVERY_WEBHOOK_SECRET: 'short' }, /REPORTS_DELIVERY_WEBHOOK_SECRET: must be at least 16 characters \(value hidden\)/],
    [{ REPORTS_URGENT_SEVERITIES: 'critical,severe' }, /REPORTS_URGENT_SEVERITIES: must list severities among low/],
    [{ REPORTS_PUBLIC_URL: 'audit.example.gov.vn' }, /REPORTS_PUBLIC_URL: must be the http\(s\) URL/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigurationError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the hash keys of earlier rotations as id=key pairs', () => {
    const keys = loadConfig({ SUBJECT_HASH_PREVIOUS_KEYS: `k0=${'a'.repeat(32)}, k-old=${'b'.repeat(40)}==` }).personalData.previousHashKeys;
    expect(keys).toEqual([
      { id: 'k0', key: 'a'.repeat(32) },
      { id: 'k-old', key: `${'b'.repeat(40)}==` },
    ]);
    expect(loadConfig({}).personalData.previousHashKeys).toEqual([]);
  });

  it('sends urgent notices to the report recipients unless REPORTS_URGENT_EMAILS names others', () => {
    const reports = loadConfig({ REPORTS_DELIVERY_EMAILS: 'a@x.gov.vn,b@x.gov.vn', REPORTS_PUBLIC_URL: 'https://audit.x.gov.vn/' }).reports;
    expect(reports.urgent).toEqual({ emails: ['a@x.gov.vn', 'b@x.gov.vn'], alertTypes: ['locked_account_in_use', 'enumeration', 'cross_unit_citizen'], severities: ['critical'] });
    expect(reports.delivery).toMatchObject({ kinds: ['weekly', 'monthly', 'quarterly'], publicUrl: 'https://audit.x.gov.vn', webhookUrl: undefined });
    const own = loadConfig({ REPORTS_DELIVERY_EMAILS: 'a@x.gov.vn', REPORTS_URGENT_EMAILS: 'khan@x.gov.vn', REPORTS_URGENT_ALERT_TYPES: '' }).reports.urgent;
    expect(own).toMatchObject({ emails: ['khan@x.gov.vn'], alertTypes: [] });
  });

  it('never echoes a secret value', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@x' })).toThrow(/value hidden/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@x' })).not.toThrow(/hunter2/);
  });
});
