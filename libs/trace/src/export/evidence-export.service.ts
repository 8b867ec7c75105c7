import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';
import {
  ChainProofBuilder,
  EvidenceManifest,
  EXPORT_COLUMNS,
  EXPORT_SAFE_SELECT_SQL,
  EXPORT_SELECT_SQL,
  ExportCell,
  exportCells,
  MANIFEST_FORMAT,
  manifestPayload,
  manifestText,
  ProvenBatches,
  SigningKeyService,
} from '@app/audit-trail';
import { SecurityEventType } from '@app/auth';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { maskPersonalIds, SubjectPseudonymizer } from '@app/ingestion';
import { TraceAudit } from '../audit/trace-audit.service';
import { inReadSnapshot } from '../query/read-snapshot.util';
import { bindAsSettings } from '../query/settings-bound.util';
import { REVEAL_REASON_MAX } from '../reveal/trace-reveal.service';
import { traceBoundedCountSql, TRACE_ORDER_BY, traceWhere } from '../query/trace-where';
import { PreparedTrace, TraceSearchRequest, TraceSearchService } from '../search/trace-search.service';
import type { TraceRequester } from '../trace-case.type';
import { EvidenceExportRepository } from './evidence-export.repository';
import { ExportFileWriter, ExportFormat, WrittenFile } from './export-file.writer';

export interface EvidenceExportRequest extends TraceSearchRequest {
  format: ExportFormat;
  /**
   * With a reason, each row also carries the citizen's personal ID in clear (column `subject_id`, from the encrypted
   * copy): for holders of audit:reveal, where SUBJECT_ENCRYPTION_KEY is set; recorded with the reason.
   */
  reveal?: { reason: string };
}

/** The column a revealed export adds after the evidence columns; the verifier ignores it (it holds no keyed hash). */
export const REVEALED_COLUMN = 'subject_id';
const SUBJECT_ENC_AT = EXPORT_COLUMNS.indexOf('subject_enc');
const SUBJECT_HASH_AT = EXPORT_COLUMNS.indexOf('subject_hash');

export interface EvidenceExportOutcome {
  id: string;
  manifest: EvidenceManifest;
  /** The manifest file's text (what GET /v1/trace/exports/:id/manifest serves). */
  manifestText: string;
  file: WrittenFile;
}

/** An export checked and ready to stream: what a response needs to say before the first byte. */
export interface StartedExport {
  id: string;
  format: ExportFormat;
  fileName: string;
  contentType: string;
  /** Writes the file to `out` (without ending it), then stores the signed manifest and records the export. */
  write(out: Writable): Promise<EvidenceExportOutcome>;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Rows per FETCH of the export's cursor: the next is asked for while these are written. */
const ROWS_PER_FETCH = 5000;

/** The pg client under a TypeORM query runner: rows as arrays of text (no object made per row), and COPY streams. */
interface PgClient {
  query(q: { text: string; rowMode: 'array' }): Promise<{ rows: (string | null)[][] }>;
  query<T extends { submit: unknown }>(stream: T): T;
  processID: number;
}
const pgClientOf = (runner: QueryRunner) => (runner as unknown as { databaseConnection: PgClient }).databaseConnection;

/**
 * Evidence exports of auditors' searches (docs/trace.md, "Evidence exports"): the matching events, newest first,
 * streamed from one snapshot through a cursor (flat memory whatever the count) into CSV or XLSX, then a manifest that
 * proves every row against the integrity chain and is signed with the chain's key. Recorded in the security log.
 */
@Injectable()
export class EvidenceExportService {
  private readonly logger = new Logger(EvidenceExportService.name);
  /** Exports streaming now in this process, by requester (slots claimed in `start`, let go when `write` ends). */
  private readonly streaming = new Map<string, number>();
  private streamingTotal = 0;

  constructor(
    private readonly db: DataSource,
    private readonly search: TraceSearchService,
    private readonly proofs: ChainProofBuilder,
    private readonly keys: SigningKeyService,
    private readonly exports: EvidenceExportRepository,
    private readonly audit: TraceAudit,
    private readonly clock: Clock,
    private readonly pseudonymizer: SubjectPseudonymizer,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Checks the request (case, purpose, IDs, criteria) before anything is sent; throws naming what is wrong. */
  start(request: EvidenceExportRequest, by: TraceRequester): StartedExport {
    const prepared = this.search.prepare(request);
    const reveal = request.reveal ? this.checkReveal(request.reveal.reason) : null;
    const release = this.claimSlot(by);
    const id = randomUUID();
    return {
      id,
      format: request.format,
      fileName: `trace-export-${id}.${request.format}`,
      contentType: EXPORT_CONTENT_TYPES[request.format],
      write: (out) => this.write(id, request.format, prepared, reveal, by, out).finally(release),
    };
  }

  /**
   * Each export holds a database connection and a snapshot while it streams: at most TRACE_EXPORT_CONCURRENCY at
   * once in this process, TRACE_EXPORT_CONCURRENCY_PER_USER of them one requester's, so that exports (or a client
   * that stops reading) cannot take the connections ingest needs. Claimed and counted synchronously: parallel
   * requests cannot both take the last slot. Returns what lets it go (once).
   */
  private claimSlot(by: TraceRequester): () => void {
    const { exportConcurrency: max, exportConcurrencyPerUser: perUser } = this.config.trace;
    const who = by.actor.kind === 'user' ? `user:${by.actor.id}` : `${by.actor.kind}:${by.actor.name ?? ''}`;
    const mine = this.streaming.get(who) ?? 0;
    if (mine >= perUser || this.streamingTotal >= max) {
      throw new DomainException(
        ErrorCode.RATE_LIMITED,
        mine >= perUser
          ? `${mine} of your evidence exports are streaming (at most ${perUser} at once): try again when one has ended`
          : `${this.streamingTotal} evidence exports are streaming (at most ${max} at once): try again when one has ended`,
      );
    }
    this.streaming.set(who, mine + 1);
    this.streamingTotal++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.streamingTotal--;
      const left = (this.streaming.get(who) ?? 1) - 1;
      if (left > 0) this.streaming.set(who, left);
      else this.streaming.delete(who);
    };
  }

  private checkReveal(reason: string | undefined): { reason: string } {
    const text = reason?.trim() ?? '';
    if (!text || text.length > REVEAL_REASON_MAX) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'A reason is required to show personal IDs in an export', [
        { field: 'reason', message: `required, at most ${REVEAL_REASON_MAX} characters` },
      ]);
    }
    if (!this.pseudonymizer.encrypts) {
      throw new DomainException(ErrorCode.CONFLICT, 'No encrypted copy of personal IDs is kept (SUBJECT_ENCRYPTION_KEY is not set): an export can show the keyed hash only');
    }
    return { reason: maskPersonalIds(text) };
  }

  private async write(
    id: string,
    format: ExportFormat,
    p: PreparedTrace,
    reveal: { reason: string } | null,
    by: TraceRequester,
    out: Writable,
  ): Promise<EvidenceExportOutcome> {
    const exportedAt = this.clock.now();
    const revealed = reveal ? { reason: reveal.reason } : {};
    // In the security log before the first byte: should the entry at the end fail (or the process stop), the
    // access is recorded already; and if this one fails, nothing is sent.
    await this.audit.record({
      type: SecurityEventType.TRACE_EXPORT_STARTED,
      case: p.case,
      by,
      criteria: p.described,
      subjects: p.subjects,
      extra: { exportId: id, format, ...revealed },
    });
    const columns = reveal ? [...EXPORT_COLUMNS, REVEALED_COLUMN] : EXPORT_COLUMNS;
    let writer: ExportFileWriter | undefined;
    const shown = new Set<string>();
    const cellsOf = reveal
      ? (r: (string | null)[]) => {
          const clear = this.revealed(r[SUBJECT_ENC_AT]);
          // Under the current key, as the repeated-tracing check compares (the row may be stored under an older one).
          const subject = clear !== null ? this.pseudonymizer.hashHex(clear) : r[SUBJECT_HASH_AT];
          if (subject) shown.add(subject);
          return [...exportCells(r), clear];
        }
      : exportCells;
    let rows = 0;
    // On a PostgreSQL server the database writes the rows itself (COPY, formula-safe cells): CSV records passed on
    // as they are, or binary tuples whose bytes go into the sheet's XML. Revealed exports (each ID decrypted here)
    // and the embedded database go row by row.
    const copied = !reveal && this.config.database.url !== undefined;
    try {
      const proven = await inReadSnapshot(this.db, async (runner) => {
        // Counted in the snapshot the rows are then read from: the file holds exactly the rows counted.
        if (reveal) await this.checkRevealSize(runner, p);
        // A receiver that takes nothing for TRACE_EXPORT_STALL_SECONDS stops the export (failed, recorded so).
        const file = (writer = ExportFileWriter.for(format, out, columns, { stallMs: this.config.trace.exportStallSeconds * 1000 }));
        return copied ? this.copyRows(runner, p, file, (n) => (rows = n)) : this.streamRows(runner, p, file, cellsOf, () => rows++);
      });
      const file = await writer!.finish();
      const manifest = this.sign({
        format: MANIFEST_FORMAT,
        exportId: id,
        caseReference: p.case.caseReference,
        purpose: p.case.purpose,
        exportedBy: by.actor.kind === 'user' ? { userId: by.actor.id, username: by.actor.name } : { userId: null, username: by.actor.name ?? by.actor.kind },
        exportedAt: exportedAt.toISOString(),
        query: p.described,
        file: { format, sha256: file.sha256, bytes: file.bytes, rows: file.rows, columns: [...columns] },
        chain: await this.proofs.segments(proven),
      });
      const text = manifestText(manifest);
      await this.exports.insert({
        id,
        exportedAt,
        actorId: manifest.exportedBy.userId,
        actorName: manifest.exportedBy.username,
        caseReference: p.case.caseReference,
        purpose: p.case.purpose,
        format,
        criteria: p.described,
        rowCount: file.rows,
        fileSha256: file.sha256,
        manifest: text,
      });
      await this.record(p, by, rows, { exportId: id, format, fileSha256: file.sha256, ...revealed });
      if (reveal) await this.recordRevealed(id, p, by, reveal.reason, shown, rows);
      return { id, manifest, manifestText: text, file };
    } catch (error) {
      // The rows written so far were read: that access is recorded too (each entry whatever became of the other).
      const recorded = await Promise.allSettled([
        this.record(p, by, rows, { exportId: id, format, failed: true, ...revealed }),
        ...(reveal && rows > 0 ? [this.recordRevealed(id, p, by, reveal.reason, shown, rows)] : []),
      ]);
      for (const r of recorded) if (r.status === 'rejected') this.logger.error(`Export ${id} failed and its end could not be recorded: ${errorText(r.reason)}`);
      throw error;
    }
  }

  /** The matching rows through a cursor, newest first, each written as it comes; then their batches proven. */
  private async streamRows(
    runner: QueryRunner,
    p: PreparedTrace,
    writer: ExportFileWriter,
    cellsOf: (row: (string | null)[]) => ExportCell[],
    counted: () => void,
  ): Promise<ProvenBatches> {
    const params: unknown[] = [];
    const where = traceWhere(p.criteria, params, p.options);
    await runner.query(`DECLARE evidence_rows NO SCROLL CURSOR FOR SELECT ${EXPORT_SELECT_SQL} FROM query_event e WHERE ${where} ${TRACE_ORDER_BY}`, params);
    const client = pgClientOf(runner);
    const fetch = () => client.query({ text: `FETCH ${ROWS_PER_FETCH} FROM evidence_rows`, rowMode: 'array' });
    let next = fetch();
    for (;;) {
      const { rows } = await next;
      const more = rows.length === ROWS_PER_FETCH;
      if (more) next = fetch(); // the database reads the next rows while these are written
      for (const r of rows) {
        const wait = writer.row(cellsOf(r));
        if (wait) await wait;
        counted();
      }
      if (!more) break;
    }
    await runner.query('CLOSE evidence_rows');
    return this.proveRows(runner, where, params);
  }

  /**
   * The matching rows as the database writes them (COPY … TO STDOUT in the writer's copyFormat, newest first),
   * passed to the file as they come, with back-pressure (the database waits while the client is slow); then their
   * batches proven. If the file cannot take the rest, the COPY is cancelled and what is still in flight read and
   * dropped, so that the transaction ends cleanly.
   */
  private async copyRows(runner: QueryRunner, p: PreparedTrace, writer: ExportFileWriter, counted: (rows: number) => void): Promise<ProvenBatches> {
    const params: unknown[] = [];
    const where = traceWhere(p.criteria, params, p.options);
    const sql = await bindAsSettings(
      runner,
      `COPY (SELECT ${EXPORT_SAFE_SELECT_SQL} FROM query_event e WHERE ${where} ${TRACE_ORDER_BY}) TO STDOUT WITH (FORMAT ${writer.copyFormat})`,
      params,
    );
    const client = pgClientOf(runner);
    // Up to a MiB read ahead: the database goes on writing while the file takes the last rows.
    const copy = client.query(copyTo(sql, { highWaterMark: 2 ** 20 }));
    // From here the connection is in the COPY until it is read to its end: every way out goes through the catch.
    try {
      // Not destroyed when the loop is left: a COPY stopped half-way must still be read to its end (drain below).
      for await (const chunk of copy.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
        const wait = writer.copied(chunk);
        if (wait) await wait;
        counted(writer.rowsSoFar);
      }
    } catch (error) {
      await this.db.query('SELECT pg_cancel_backend($1)', [client.processID]).catch(() => undefined);
      await drain(copy);
      throw error;
    }
    writer.copyEnded(copy.rowCount);
    counted(copy.rowCount);
    return this.proveRows(runner, where, params);
  }

  /** Each batch the matching rows come from, with the rows of it exported (ChainProofBuilder's input). */
  private proveRows(runner: QueryRunner, where: string, params: unknown[]): Promise<ProvenBatches> {
    return this.proofs.proveBatches(runner.manager, {
      sql: `SELECT e.batch_id, count(*)::int AS n, array_agg(e.event_id) AS exported FROM query_event e WHERE ${where} GROUP BY e.batch_id`,
      params,
    });
  }

  /** The personal ID from a row's encrypted copy (hex); an empty cell where there is none or it does not open. */
  private revealed(subjectEncHex: string | null): string | null {
    if (!subjectEncHex) return null;
    try {
      return this.pseudonymizer.decrypt(Buffer.from(subjectEncHex, 'hex'));
    } catch {
      return null;
    }
  }

  private sign(body: Omit<EvidenceManifest, 'signature'>): EvidenceManifest {
    const key = this.keys.current();
    return { ...body, signature: { keyId: key.keyId, value: this.keys.sign(manifestPayload(body)).toString('base64') } };
  }

  /**
   * Refused before the first byte when the search matches more rows than a revealed export may show
   * (TRACE_REVEALED_EXPORT_MAX_ROWS): personal IDs in clear for a case, not for a whole unit's years.
   */
  private async checkRevealSize(runner: QueryRunner, p: PreparedTrace): Promise<void> {
    const max = this.config.trace.revealedExportMaxRows;
    const { sql, params } = traceBoundedCountSql(p.criteria, max + 1, p.options);
    const [{ n }] = (await runner.query(sql, params)) as { n: number }[];
    if (n > max) {
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        `An export with personal IDs shows at most ${max.toLocaleString('en')} rows: narrow the search (its period, a citizen, an account)`,
        [{ field: 'criteria', message: `matches more than ${max} events` }],
      );
    }
  }

  /** Each citizen whose ID the file shows in clear, by keyed hash, as a reveal of its own (beside the export's entry). */
  private recordRevealed(id: string, p: PreparedTrace, by: TraceRequester, reason: string, shown: Set<string>, rows: number): Promise<void> {
    return this.audit.record({
      type: SecurityEventType.TRACE_SUBJECT_REVEALED,
      case: p.case,
      by,
      criteria: { exportId: id, ...p.described },
      subjects: [...shown],
      rows,
      extra: { reason, export: true },
    });
  }

  private record(p: PreparedTrace, by: TraceRequester, rows: number, extra: Record<string, unknown>): Promise<void> {
    return this.audit.record({ type: SecurityEventType.TRACE_EXPORTED, case: p.case, by, criteria: p.described, subjects: p.subjects, rows, extra });
  }

  /** The stored manifest of an export (null when there is no such export): it holds no personal data (docs/trace-export.md). */
  manifestOf(id: string): Promise<{ manifest: string; actorId: string | null } | null> {
    return this.exports.manifestOf(id);
  }
}

const errorText = (e: unknown): string => maskPersonalIds(e instanceof Error ? e.message : String(e));

/** Reads a stream to its end (or its error), dropping what it gives. */
async function drain(stream: Readable): Promise<void> {
  try {
    for await (const _ of stream);
  } catch {
    /* the cancelled COPY ends with an error */
  }
}
