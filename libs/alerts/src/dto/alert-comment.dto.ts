import { ApiProperty } from '@nestjs/swagger';

export class AlertCommentDto {
  @ApiProperty() at: Date;
  @ApiProperty() actorName: string;
  @ApiProperty() text: string;
}
