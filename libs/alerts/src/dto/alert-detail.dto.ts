import { ApiProperty } from '@nestjs/swagger';
import { AlertActionDto } from './alert-action.dto';
import { AlertCommentDto } from './alert-comment.dto';
import { AlertDto } from './alert.dto';

export class AlertDetailDto extends AlertDto {
  @ApiProperty({ type: [AlertActionDto], description: 'Everything done to the alert, oldest first' }) actions: AlertActionDto[];
  @ApiProperty({ type: [AlertCommentDto], description: 'The comments among those actions' }) comments: AlertCommentDto[];
}
