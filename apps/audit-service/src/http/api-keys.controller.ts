import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyDto,
  ApiKeyService,
  CreateApiKeyDto,
  CurrentPrincipal,
  IdParamDto,
  IssuedApiKeyDto,
  ListApiKeysQueryDto,
  NoStore,
  Permission,
  Principal,
  RequirePermission,
} from '@app/auth';

/** Producer API keys of registered source systems (for ingest and directory sync). */
@ApiTags('api-keys')
@Controller('v1/api-keys')
@RequirePermission(Permission.API_KEYS_MANAGE)
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @NoStore()
  @ApiOperation({ summary: 'Create a key for a source system; the key is in this response only' })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() by: Principal): Promise<IssuedApiKeyDto> {
    return this.keys.create(
      { ...body, expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined },
      by,
    );
  }

  @Get()
  @ApiOperation({ summary: 'List keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  list(@Query() query: ListApiKeysQueryDto): Promise<ApiKeyDto[]> {
    return this.keys.list(query);
  }

  @Post(':id/rotate')
  @NoStore()
  @ApiOperation({
    summary: 'Issue a successor key; the old one keeps working for AUTH_API_KEY_ROTATION_OVERLAP',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  rotate(@Param() { id }: IdParamDto, @CurrentPrincipal() by: Principal): Promise<IssuedApiKeyDto> {
    return this.keys.rotate(id, by);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key at once' })
  @ApiOkResponse({ type: ApiKeyDto })
  revoke(@Param() { id }: IdParamDto, @CurrentPrincipal() by: Principal): Promise<ApiKeyDto> {
    return this.keys.revoke(id, by);
  }
}
