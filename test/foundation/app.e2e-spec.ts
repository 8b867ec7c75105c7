import request from 'supertest';
import { bootTestApp, TestApp } from '../utils/test-app';
import { testKafkaBrokers } from '../utils/test-database';

describe('The service booted in-process', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await bootTestApp({ KAFKA_BROKERS: testKafkaBrokers() });
  });
  afterAll(() => sut.close());

  it('is ready when the database and Kafka answer', async () => {
    const res = await request(sut.app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.details).toEqual({ database: { status: 'up' }, kafka: { status: 'up', brokers: 1 } });
  });

  it('echoes a caller-supplied request id, or makes one', async () => {
    const given = await request(sut.app.getHttpServer()).get('/health').set('X-Request-Id', 'trace-42');
    expect(given.headers['x-request-id']).toBe('trace-42');
    const made = await request(sut.app.getHttpServer()).get('/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('describes its endpoints in OpenAPI', async () => {
    const res = await request(sut.app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready', '/metrics']));
    await request(sut.app.getHttpServer()).get('/api/docs').expect(200).expect('Content-Type', /html/);
  });

  it('serves Prometheus metrics', async () => {
    const res = await request(sut.app.getHttpServer()).get('/metrics').expect(200);
    expect(res.text).toMatch(/^# HELP tthc_audit_process_/m);
  });

  it('answers an unknown route with a JSON error and no internals', async () => {
    const res = await request(sut.app.getHttpServer()).get('/v1/nothing-here').expect(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|stack/i);
  });
});
