import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainVerifier, PublicKeyDto, SigningKeyService, VerifyChainQueryDto, VerifyReportDto } from '@app/audit-trail';
import { Permission, Public, RequirePermission } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';

@ApiTags('integrity')
@Controller('v1/integrity')
export class IntegrityController {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly verifier: ChainVerifier,
  ) {}

  @Get('public-key')
  @Public('the public key is not secret: anyone may check the signed digests with it')
  @ApiOperation({ summary: 'The Ed25519 public key that signs the audit chain head, and its key id' })
  @ApiOkResponse({ type: PublicKeyDto })
  publicKey(): PublicKeyDto {
    const key = this.keys.current();
    return {
      algorithm: 'ed25519',
      keyId: key.keyId,
      publicKeyPem: key.publicKeyPem,
      signedPayloadFormat: 'tthc-audit/signed-digest/v1\\n<chainSeq>\\n<batchId>\\n<digest hex>\\n<signedAt ISO 8601>',
    };
  }

  @Get('verify')
  @RequirePermission(Permission.INTEGRITY_VERIFY)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Recompute the hash chain, the stored events and the signed digests',
    description:
      'Walks the chain from the last valid signed digest before `from` (or from the first batch), recomputes each ' +
      "batch's digest and each stored event's hash, and reports the first broken batch with the events that were " +
      'changed, removed or added. `ok` is false on any break or signature failure.',
  })
  @ApiOkResponse({ type: VerifyReportDto })
  verify(@Query() query: VerifyChainQueryDto): Promise<VerifyReportDto> {
    const [from, to] = [query.from, query.to].map((v) => (v ? new Date(v) : undefined));
    if (from && to && from > to) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'from is after to', [{ field: 'from', message: 'must not be after to' }]);
    }
    return this.verifier.verify({ from, to });
  }
}
