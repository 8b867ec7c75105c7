import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';

export class PutProcedureDto {
  @ApiProperty({ example: 'Đăng ký khai sinh' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name: string;

  @ApiProperty({
    type: [String],
    description: 'Field-catalog codes a lookup for this procedure may return (a sensitive one here is never counted as unneeded)',
    example: ['fullName', 'dateOfBirth', 'gender', 'personalId', 'permanentResidence', 'familyRelations'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  fields: string[];

  @ApiProperty({ description: 'Why (kept in the change log)', example: 'Mẫu tờ khai mới theo Thông tư 04/2020/TT-BTP' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
