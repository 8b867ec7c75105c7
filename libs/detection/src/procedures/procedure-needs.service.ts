import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ProcedureNeedMap } from '../explained/lookup-explanation.util';
import { PROCEDURE_CATALOG_CONFIG, ProcedureCatalogConfig } from './procedure-catalog-config.util';
import { AdminProcedure, ProcedureProfile, ProcedureRepository } from './procedure.repository';

/** How often each replica re-reads admins' entries and learned profiles (changes through this replica apply at once). */
export const PROCEDURE_REFRESH_MS = 30_000;

export type ProcedureNeedSource = 'admin' | 'config' | 'learned';

/** What a procedure needs, and where that comes from. */
export interface ResolvedProcedure {
  code: string;
  name: string | null;
  source: ProcedureNeedSource | null;
  /** The fields it needs (null: nobody knows, so its lookups' fields are not judged). */
  fields: string[] | null;
  admin: AdminProcedure | null;
  profile: ProcedureProfile | null;
}

/**
 * What each procedure needs: an admin's entry, else config/procedures.json's, else (the catalog silent) its learned
 * profile. The catalog wins over the profile even where they differ: the profile describes what lookups return,
 * and a habit of fetching more than a procedure needs is what should be seen, not learned into its need.
 * In memory, refreshed every PROCEDURE_REFRESH_MS: the ingest path judges each lookup with one Map get.
 */
@Injectable()
export class ProcedureNeeds implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ProcedureNeeds.name);
  private admin = new Map<string, AdminProcedure>();
  private profiles = new Map<string, ProcedureProfile>();
  private needs: ProcedureNeedMap = new Map();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: ProcedureRepository,
    @Inject(PROCEDURE_CATALOG_CONFIG) private readonly config: ProcedureCatalogConfig,
  ) {
    this.build();
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.warn(`Procedure catalog refresh failed: ${e}`)), PROCEDURE_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const [admin, profiles] = await Promise.all([this.repository.findAdminEntries(), this.repository.findProfiles()]);
    this.admin = new Map(admin.map((a) => [a.code, a]));
    this.profiles = new Map(profiles.map((p) => [p.code, p]));
    this.build();
  }

  /** Procedure code → the fields it needs, as of the last refresh (never mutated: a new map each refresh). */
  current(): ProcedureNeedMap {
    return this.needs;
  }

  resolve(code: string): ResolvedProcedure {
    const admin = this.admin.get(code) ?? null;
    const file = this.config.procedures.get(code);
    const profile = this.profiles.get(code) ?? null;
    const [source, name, fields]: [ProcedureNeedSource | null, string | null, string[] | null] = admin
      ? ['admin', admin.name, admin.fields]
      : file
        ? ['config', file.name, file.fields]
        : profile
          ? ['learned', null, profile.fields]
          : [null, null, null];
    return { code, name, source, fields, admin, profile };
  }

  /** Every procedure known (catalog, admins, profiles), by code. */
  codes(): string[] {
    return [...new Set([...this.config.procedures.keys(), ...this.admin.keys(), ...this.profiles.keys()])].sort();
  }

  private build(): void {
    const needs = new Map<string, ReadonlySet<string>>();
    for (const [code, p] of this.profiles) needs.set(code, new Set(p.fields));
    for (const [code, e] of this.config.procedures) needs.set(code, new Set(e.fields));
    for (const [code, a] of this.admin) needs.set(code, new Set(a.fields));
    this.needs = needs;
  }
}
