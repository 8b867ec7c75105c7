/** What a signed digest attests: this chain position, batch and digest existed at this time. */
export interface SignedHead {
  chainSeq: string;
  batchId: string;
  digest: Buffer;
  signedAt: Date;
}

/** The exact bytes that are signed; a verifier with the public key rebuilds them from the stored row. */
export function signedDigestPayload(head: SignedHead): Buffer {
  return Buffer.from(
    `tthc-audit/signed-digest/v1\n${head.chainSeq}\n${head.batchId}\n${head.digest.toString('hex')}\n${head.signedAt.toISOString()}`,
    'utf8',
  );
}
