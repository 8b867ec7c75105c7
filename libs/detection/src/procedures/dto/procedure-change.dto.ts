import { ApiProperty } from '@nestjs/swagger';

export class ProcedureChangeDto {
  @ApiProperty()
  name: string;

  @ApiProperty({ type: [String] })
  fields: string[];

  @ApiProperty({ type: [String], nullable: true, description: 'What it needed before (null: it was unknown)' })
  previous: string[] | null;

  @ApiProperty()
  reason: string;

  @ApiProperty({ example: 'user:admin' })
  actor: string;

  @ApiProperty()
  at: Date;
}
