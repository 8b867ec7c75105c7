import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const IDS_NOTE = 'event ids (at most 1000 listed)';

export class BrokenBatchDto {
  @ApiProperty({ nullable: true, type: String, description: 'Id of the first batch that does not check out' })
  batchId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Its position in the chain' })
  chainSeq: string | null;
  @ApiProperty({ example: 'stored events differ from the batch manifest' })
  reason: string;
  @ApiProperty({ type: [String], description: `Stored events whose content changed: ${IDS_NOTE}` })
  changed: string[];
  @ApiProperty({ type: [String], description: `Events of the manifest missing from the store: ${IDS_NOTE}` })
  removed: string[];
  @ApiProperty({ type: [String], description: `Stored events the manifest does not list: ${IDS_NOTE}` })
  added: string[];
}

export class SignatureFailureDto {
  @ApiProperty() signedDigestId: string;
  @ApiProperty() chainSeq: string;
  @ApiProperty() batchId: string;
  @ApiProperty() keyId: string;
  @ApiProperty({ example: 'signature does not verify with the recorded public key' })
  reason: string;
}

export class VerifyAnchorDto {
  @ApiProperty({ enum: ['genesis', 'signed-digest'], description: 'Where the walk started' })
  kind: 'genesis' | 'signed-digest';
  @ApiProperty() chainSeq: string;
  @ApiPropertyOptional() batchId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) signedAt?: string;
}

export class VerifyReportDto {
  @ApiProperty({ description: 'True when every batch, event and signature checked out' })
  ok: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) to?: string;
  @ApiProperty({ type: VerifyAnchorDto }) anchor: VerifyAnchorDto;
  @ApiProperty() batchesChecked: number;
  @ApiProperty() eventsChecked: number;
  @ApiProperty({ description: 'Rows of the journal tables (security log, alert actions) checked against their chain links' })
  journalRowsChecked: number;
  @ApiProperty() signaturesChecked: number;
  @ApiProperty({ description: 'Batches some of whose events were dropped by retention (as logged), not by tampering' })
  batchesRetainedOut: number;
  @ApiProperty({ type: [String], description: 'Ids (SHA-256 of the public key) of the keys that made the checked signatures' })
  keyIds: string[];
  @ApiPropertyOptional({ type: BrokenBatchDto }) firstBrokenBatch?: BrokenBatchDto;
  @ApiProperty({ type: [SignatureFailureDto] }) signatureFailures: SignatureFailureDto[];
}

export class PublicKeyDto {
  @ApiProperty({ example: 'ed25519' }) algorithm: 'ed25519';
  @ApiProperty({ description: 'SHA-256 (hex) of the DER (SPKI) public key; signed digests name the key by it' })
  keyId: string;
  @ApiProperty({ description: 'The public key, PEM (SPKI)' }) publicKeyPem: string;
  @ApiProperty({
    description: 'The exact text each signature covers; fields joined by a line feed',
    example: 'tthc-audit/signed-digest/v1\\n<chainSeq>\\n<batchId>\\n<digest hex>\\n<signedAt ISO 8601>',
  })
  signedPayloadFormat: string;
}
