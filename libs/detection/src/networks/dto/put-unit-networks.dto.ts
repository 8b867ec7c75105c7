import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { UnitNetworkInputDto } from './unit-network-input.dto';

export class PutUnitNetworksDto {
  @ApiProperty({ type: [UnitNetworkInputDto], description: "The unit's networks, replacing those it had (empty: none)" })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => UnitNetworkInputDto)
  networks: UnitNetworkInputDto[];
}
