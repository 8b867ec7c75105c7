import { ApiProperty } from '@nestjs/swagger';
import { ProcedureChangeDto } from './procedure-change.dto';
import { ProcedureProfileDto } from './procedure-profile.dto';

export class ProcedureDto {
  @ApiProperty({ example: '1.001612' })
  code: string;

  @ApiProperty({ nullable: true, example: 'Đăng ký khai sinh' })
  name: string | null;

  @ApiProperty({
    enum: ['admin', 'config', 'learned'],
    nullable: true,
    description: "Where its need comes from: an admin's entry, config/procedures.json, or (the catalog silent) its learned profile",
  })
  source: string | null;

  @ApiProperty({ type: [String], nullable: true, description: 'The fields it needs; null: unknown, its lookups are judged on dossier and unit alone' })
  fields: string[] | null;

  @ApiProperty({ type: ProcedureProfileDto, nullable: true, description: "What the province's lookups for it returned lately (also where the catalog has an entry)" })
  profile: ProcedureProfileDto | null;

  @ApiProperty({ type: [ProcedureChangeDto], required: false, description: 'Every admin change, oldest first (GET of one procedure)' })
  changes?: ProcedureChangeDto[];
}
