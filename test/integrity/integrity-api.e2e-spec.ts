import request from 'supertest';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { AuditStore, DigestSigner, keyIdOf } from '@app/audit-trail';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { someStoredEvents } from './audit-store.fixture';

describe('Integrity API (/v1/integrity)', () => {
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let sut: TestApp;
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootTestApp({ INTEGRITY_SIGNING_KEY: signingKey });
  });
  afterAll(() => sut.close());

  it('publishes the signing public key and its id to anyone, without signing in', async () => {
    const res = await http().get('/v1/integrity/public-key').expect(200);

    const publicKey = createPublicKey(signingKey);
    expect(res.body).toEqual(
      expect.objectContaining({ algorithm: 'ed25519', keyId: keyIdOf(publicKey), publicKeyPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/) }),
    );
    expect(createPublicKey(res.body.publicKeyPem).export({ format: 'der', type: 'spki' })).toEqual(
      publicKey.export({ format: 'der', type: 'spki' }),
    );
  });

  it('lets an auditor verify the chain, with its signatures', async () => {
    await sut.app.get(AuditStore).appendBatch(someStoredEvents(30), { source: 'http' });
    await sut.app.get(DigestSigner).signHead();
    await sut.app.get(AuditStore).appendBatch(someStoredEvents(20), { source: 'http' });

    const res = await http().get('/v1/integrity/verify').set('Authorization', await bearerFor(sut.app, Role.AUDITOR)).expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({ ok: true, batchesChecked: 2, eventsChecked: 50, signaturesChecked: 1, signatureFailures: [] }),
    );
    expect(res.body.keyIds).toEqual([keyIdOf(createPublicKey(signingKey))]);
  });

  it('refuses verify without sign-in (401) and to a role without the integrity permission (403)', async () => {
    await http().get('/v1/integrity/verify').expect(401);
    await http().get('/v1/integrity/verify').set('Authorization', await bearerFor(sut.app, Role.OPERATOR)).expect(403);
  });

  it('names a malformed time in the query', async () => {
    const res = await http()
      .get('/v1/integrity/verify?from=yesterday')
      .set('Authorization', await bearerFor(sut.app, Role.AUDITOR))
      .expect(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  it('exposes the chain head and store metrics', async () => {
    const metric = async (name: string): Promise<number> => {
      const text = (await http().get('/metrics').expect(200)).text;
      return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    };
    const before = await metric('tthc_audit_events_stored_total\\{source="file"\\}');
    const { batchId } = await sut.app.get(AuditStore).appendBatch(someStoredEvents(7), { source: 'file' });

    expect(await metric('tthc_audit_events_stored_total\\{source="file"\\}')).toBe(before + 7);
    expect(await metric('tthc_audit_chain_head_batch_id')).toBe(Number(batchId));
    expect(await metric('tthc_audit_batch_append_seconds_count\\{source="file"\\}')).toBeGreaterThan(0);
  });
});
