import { Injectable, Logger } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { SourceSystemRegistry } from './source-system-registry.service';
import { SourceSystemRepository } from './source-system.repository';
import { SourceFlag, SourceFlagUsage, SourceSystem, SourceSystemInput } from './source-system.type';

/** The registry of connected systems, as operators maintain it. */
@Injectable()
export class SourceSystemsService {
  private readonly logger = new Logger(SourceSystemsService.name);

  constructor(
    private readonly repository: SourceSystemRepository,
    private readonly registry: SourceSystemRegistry,
    private readonly clock: Clock,
  ) {}

  list(): Promise<SourceSystem[]> {
    return this.repository.findAll();
  }

  async get(code: string): Promise<SourceSystem> {
    return (await this.repository.findByCode(code)) ?? this.notFound(code);
  }

  async create(input: SourceSystemInput): Promise<SourceSystem> {
    const created = await this.repository.insert(input, this.clock.now());
    if (!created) throw new DomainException(ErrorCode.CONFLICT, `Source system ${input.code} is already registered`, [{ field: 'code', message: 'already registered' }]);
    await this.registry.refresh();
    return created;
  }

  async update(input: SourceSystemInput): Promise<SourceSystem> {
    const updated = (await this.repository.update(input, this.clock.now())) ?? this.notFound(input.code);
    await this.registry.refresh();
    return updated;
  }

  /** An admin's decision (the caller checks the permission): which system's key may sync the account directory. */
  async setOwnsAccountDirectory(code: string, owns: boolean, actor: string): Promise<SourceSystem> {
    const result = await this.repository.setOwnsAccountDirectory(code, owns, this.clock.now());
    if (result === null) this.notFound(code);
    if (result === 'taken') {
      const owner = await this.repository.findAccountDirectoryOwner();
      throw new DomainException(
        ErrorCode.CONFLICT,
        `Source system ${owner} owns the account directory; unmark it first (one system owns the directory)`,
        [{ field: 'ownsAccountDirectory', message: `already owned by ${owner}` }],
      );
    }
    this.logger.warn(
      { sourceSystem: code, ownsAccountDirectory: owns, actor },
      `Account directory owner ${owns ? 'set to' : 'removed from'} ${code}`,
    );
    return result;
  }

  /** May this system's producer key sync the account directory: registered, active, and marked its owner. */
  async ownsAccountDirectory(code: string): Promise<boolean> {
    const system = await this.repository.findByCode(code);
    return system?.ownsAccountDirectory === true && system.status === 'active';
  }

  async remove(code: string): Promise<void> {
    if (!(await this.repository.delete(code))) this.notFound(code);
    await this.registry.refresh();
  }

  /** Codes seen in events but not registered, with how many events and when last seen. */
  unregistered(): Promise<SourceFlagUsage[]> {
    return this.repository.findFlagUsage(SourceFlag.UNREGISTERED_SOURCE);
  }

  /** Registered systems that received fields outside their declared set, with those fields. */
  undeclaredFields(): Promise<SourceFlagUsage[]> {
    return this.repository.findFlagUsage(SourceFlag.UNDECLARED_FIELDS);
  }

  private notFound(code: string): never {
    throw new DomainException(ErrorCode.NOT_FOUND, `Source system ${code} is not registered`);
  }
}
