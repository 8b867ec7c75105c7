import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ListSecurityEventsQueryDto,
  Permission,
  RequirePermission,
  SecurityEventPageDto,
  SecurityLogService,
} from '@app/auth';

/** The console's own access log: sign-ins, failures, denials, changes of users, roles and keys. */
@ApiTags('security-log')
@Controller('v1/security-log')
export class SecurityLogController {
  constructor(private readonly log: SecurityLogService) {}

  @Get()
  @RequirePermission(Permission.SECURITY_LOG_READ)
  @ApiOperation({
    summary: 'Security events, newest first, filtered by type, actor and time; paginated by cursor',
  })
  @ApiOkResponse({ type: SecurityEventPageDto })
  list(@Query() query: ListSecurityEventsQueryDto): Promise<SecurityEventPageDto> {
    return this.log.list({
      type: query.type,
      actor: query.actor,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      before: query.cursor,
      limit: query.limit,
    });
  }
}
