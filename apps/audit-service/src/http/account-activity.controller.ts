import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequireAnyPermission } from '@app/auth';
import { AccountActivityDto, AccountActivityQueryDto, AccountActivitySeriesService } from '@app/detection';

/** One account's daily lookups against what the volume detector judges them by: the alert page's and account page's chart. */
@ApiTags('accounts')
@Controller('v1/accounts/:accountId/activity')
export class AccountActivityController {
  constructor(private readonly series: AccountActivitySeriesService) {}

  @Get()
  @RequireAnyPermission(Permission.ALERTS_READ, Permission.ACCOUNTS_READ)
  @ApiOperation({
    summary: "One account's lookups per local day, with its own baseline band and its peers' median, as the volume detector computes them",
    description:
      'Every day of [from, to] (Asia/Ho_Chi_Minh; default the 60 days to today, at most 400): lookups, distinct citizens and lookups explained by dossiers, from the ' +
      "per-account-day aggregate; the median and threshold of the account's own baseline (volume.ownBaseline: working days, leaving out days alerted on, " +
      "days the unit surged and absences; null below minHistoryDays) and the median of that day's peers (same unit and role, else same kind of unit and role; " +
      'null below volume.peers.minPeers or for a service account), under the detection settings in force now. Reviewers (alerts:read) and account readers (accounts:read).',
  })
  @ApiOkResponse({ type: AccountActivityDto })
  get(@Param('accountId') accountId: string, @Query() q: AccountActivityQueryDto): Promise<AccountActivityDto> {
    return this.series.series(accountId, { from: q.from, to: q.to });
  }
}
