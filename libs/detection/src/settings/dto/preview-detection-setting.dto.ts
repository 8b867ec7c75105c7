import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';

export class PreviewDetectionSettingDto {
  @ApiProperty({ type: Object, description: "The section's proposed value (keys left out keep the file's)", example: { ownBaseline: { k: 5 } } })
  @IsDefined()
  @IsObject()
  value: Record<string, unknown>;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 120, description: 'Over the last N closed days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  days?: number;
}
