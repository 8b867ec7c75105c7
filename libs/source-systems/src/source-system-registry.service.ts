import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SourceSystemRepository } from './source-system.repository';
import { SourceFlag, SourceSystem } from './source-system.type';

/** How often each replica re-reads the registry (changes made through this replica apply at once). */
export const REGISTRY_REFRESH_MS = 30_000;

export interface SourceCheck {
  flags: SourceFlag[];
  /** Field codes outside the declared set (empty unless flagged undeclared_fields). */
  undeclaredFields: string[];
}

const NONE: SourceCheck = Object.freeze({ flags: [], undeclaredFields: [] }) as SourceCheck;

/**
 * The registry as the ingest hot path reads it: an in-memory map of code → allowed fields, refreshed every
 * REGISTRY_REFRESH_MS and on every change, so checking an event costs a map lookup.
 */
@Injectable()
export class SourceSystemRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SourceSystemRegistry.name);
  private allowed = new Map<string, ReadonlySet<string>>();
  private statuses = new Map<string, SourceSystem['status']>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly repository: SourceSystemRepository) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.warn(`Registry refresh failed: ${e}`)), REGISTRY_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const systems = await this.repository.findAll();
    this.allowed = new Map(systems.map((s) => [s.code, new Set(s.allowedFields)]));
    this.statuses = new Map(systems.map((s) => [s.code, s.status]));
  }

  /** As this replica last read it: at once after a change made through it, else within REGISTRY_REFRESH_MS. */
  statusOf(code: string): SourceSystem['status'] | undefined {
    return this.statuses.get(code);
  }

  /**
   * Flags for one event: unregistered system, fields outside the declared set. (A producer key's event of another
   * system never gets here: ingest rejects it, source_mismatch.)
   */
  check(sourceSystem: string, fields: readonly string[]): SourceCheck {
    const allowed = this.allowed.get(sourceSystem);
    if (!allowed) return { flags: [SourceFlag.UNREGISTERED_SOURCE], undeclaredFields: [] };
    let undeclared: string[] | undefined;
    for (const f of fields) if (!allowed.has(f)) (undeclared ??= []).push(f);
    return undeclared ? { flags: [SourceFlag.UNDECLARED_FIELDS], undeclaredFields: undeclared } : NONE;
  }
}
