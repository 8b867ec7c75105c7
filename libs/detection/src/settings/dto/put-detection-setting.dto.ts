import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsString, MaxLength, ValidateIf, IsObject } from 'class-validator';

export class PutDetectionSettingDto {
  @ApiProperty({ type: Object, nullable: true, description: "The section's new value (keys left out keep the file's); null goes back to config/detection.json" })
  @IsDefined()
  @ValidateIf((_, v) => v !== null)
  @IsObject()
  value: Record<string, unknown> | null;

  @ApiProperty({ example: 'Giảm cảnh báo giả ở các xã sau đợt cấp CCCD', description: 'Why: kept in the change log and the security log' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
