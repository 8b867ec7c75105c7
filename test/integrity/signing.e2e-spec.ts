import { ChainVerifier, DigestSigner, keyIdOf, signedDigestPayload, SigningKeyService } from '@app/audit-trail';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { bootAuditStore, rewriteChainAfterAltering, someStoredEvents, StoreContext, tamper } from './audit-store.fixture';

describe(DigestSigner.name, () => {
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let db: TestDatabase;
  let ctx: StoreContext;
  let sut: DigestSigner;
  let verifier: ChainVerifier;

  beforeEach(async () => {
    db = await createMigratedDatabase();
    ctx = await bootAuditStore(db.url, { env: { INTEGRITY_SIGNING_KEY: signingKey } });
    sut = ctx.app.get(DigestSigner);
    verifier = ctx.app.get(ChainVerifier);
  });

  afterEach(async () => {
    await ctx.close();
    await db.drop();
  });

  const append = (n = 10): Promise<unknown> => ctx.sut.appendBatch(someStoredEvents(n), { source: 'kafka' });

  it('signs the chain head with the configured key, once per head position', async () => {
    expect(await sut.signHead()).toEqual({ signed: false, reason: 'the chain is empty' });
    await append();
    await append();
    const outcome = await sut.signHead();
    expect(outcome).toEqual(expect.objectContaining({ signed: true }));
    expect(await sut.signHead()).toEqual({ signed: false, reason: 'the head has not moved' });

    const [row] = await ctx.dataSource.query(
      `SELECT s.chain_seq::text AS seq, s.batch_id::text AS batch, s.digest, s.signed_at, s.signature, s.key_id
       FROM signed_digest s`,
    );
    const [head] = await ctx.dataSource.query(`SELECT batch_id::text AS batch, digest FROM audit_chain_head`);
    expect(row).toEqual(expect.objectContaining({ seq: '2', batch: head.batch, digest: head.digest }));
    const publicKey = createPublicKey(signingKey);
    expect(row.key_id).toBe(keyIdOf(publicKey));
    const payload = signedDigestPayload({ chainSeq: '2', batchId: head.batch, digest: head.digest, signedAt: row.signed_at });
    expect(verify(null, payload, publicKey, row.signature)).toBe(true);
  });

  it('lets only one of two replicas sign at a time', async () => {
    await append();
    const other = await bootAuditStore(db.url, { env: { INTEGRITY_SIGNING_KEY: signingKey } });
    try {
      const outcomes = await Promise.all([sut.signHead(), other.app.get(DigestSigner).signHead()]);
      expect(outcomes.filter((o) => o.signed)).toHaveLength(1);
      expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM signed_digest`)).toEqual([{ n: 1 }]);
    } finally {
      await other.close();
    }
  });

  it('catches a chain rewritten consistently after an event was altered: the signed digest no longer matches', async () => {
    const first = someStoredEvents(10);
    await ctx.sut.appendBatch(first, { source: 'kafka' });
    await append();
    await sut.signHead();
    await rewriteChainAfterAltering(db.url, first[4].eventId, `account_id = 'someone.else'`);

    const report = await verifier.verify();
    expect(report.firstBrokenBatch).toBeUndefined(); // the chain alone is consistent again...
    expect(report.ok).toBe(false); // ...but its signature is not
    expect(report.signatureFailures).toEqual([
      expect.objectContaining({ chainSeq: '2', reason: 'the signed digest differs from the chain at this position' }),
    ]);
  });

  it('reports a forged signature', async () => {
    await append();
    await sut.signHead();
    await tamper(db.url, `UPDATE signed_digest SET signature = $1`, [Buffer.alloc(64, 7)]);

    const report = await verifier.verify();
    expect(report.ok).toBe(false);
    expect(report.signatureFailures[0].reason).toMatch(/does not verify/);
  });

  it('starts a range check at the last signed digest before it, so older batches need not be walked', async () => {
    ctx.clock.set('2026-11-20T01:00:00Z');
    await append();
    await append();
    await sut.signHead();
    ctx.clock.set('2026-11-21T01:00:00Z');
    await append(5);

    const report = await verifier.verify({ from: new Date('2026-11-21T00:00:00Z') });
    expect(report).toEqual(
      expect.objectContaining({ ok: true, batchesChecked: 1, eventsChecked: 5, signaturesChecked: 1 }),
    );
    expect(report.anchor).toEqual(expect.objectContaining({ kind: 'signed-digest', chainSeq: '2' }));
  });
});

describe(SigningKeyService.name, () => {
  it('without a configured key, generates one into the secrets folder once and keeps using it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tthc-keys-'));
    const db = await createMigratedDatabase();
    try {
      const a = await bootAuditStore(db.url, { env: { DATA_DIR: dataDir } });
      const first = a.app.get(SigningKeyService).current();
      await a.close();
      const b = await bootAuditStore(db.url, { env: { DATA_DIR: dataDir } });
      expect(b.app.get(SigningKeyService).current().keyId).toBe(first.keyId);
      await b.close();
      expect(first.keyId).toBe(keyIdOf(createPublicKey(first.publicKeyPem)));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    }
  });
});
