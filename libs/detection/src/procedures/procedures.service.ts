import { Injectable } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { PROCEDURE_CODE_PATTERN, procedureEntryProblems } from './procedure-catalog-config.util';
import { ProcedureNeeds, ResolvedProcedure } from './procedure-needs.service';
import { ProcedureChange, ProcedureRepository } from './procedure.repository';

export interface ProcedureView extends ResolvedProcedure {
  /** Every admin change of the procedure's entry, oldest first. */
  changes: ProcedureChange[];
}

export interface SetProcedureInput {
  name: string;
  fields: string[];
  reason: string;
}

/** Reads and sets what procedures need (admins' entries over config/procedures.json). */
@Injectable()
export class ProceduresService {
  constructor(
    private readonly repository: ProcedureRepository,
    private readonly needs: ProcedureNeeds,
    private readonly clock: Clock,
  ) {}

  list(): ResolvedProcedure[] {
    return this.needs.codes().map((code) => this.needs.resolve(code));
  }

  async get(code: string): Promise<ProcedureView> {
    checkCode(code);
    const resolved = this.needs.resolve(code);
    const changes = await this.repository.findChanges(code);
    if (!resolved.source && !changes.length) throw new DomainException(ErrorCode.NOT_FOUND, `Procedure ${code} is neither in the catalog nor learned from lookups`);
    return { ...resolved, changes };
  }

  /** Sets what a procedure needs; applies at once here and within 30 s on other replicas, to lookups stored from then on. */
  async set(code: string, input: SetProcedureInput, actor: string): Promise<ProcedureView> {
    checkCode(code);
    const problems = procedureEntryProblems(code, { name: input.name, fields: input.fields });
    if (!input.reason?.trim()) problems.push('reason: say why (kept in the change log)');
    if (problems.length) {
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'The procedure is not valid',
        problems.map((message) => ({ field: message.split(':')[0], message })),
      );
    }
    const previous = this.needs.resolve(code).fields;
    await this.repository.upsert({ code, name: input.name.trim(), fields: [...input.fields], reason: input.reason.trim(), updatedBy: actor }, previous, this.clock.now());
    await this.needs.refresh();
    return this.get(code);
  }
}

function checkCode(code: string): void {
  if (!PROCEDURE_CODE_PATTERN.test(code)) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'A procedure code is 1-64 letters, digits, . _ -', [{ field: 'code', message: 'not a procedure code' }]);
  }
}
