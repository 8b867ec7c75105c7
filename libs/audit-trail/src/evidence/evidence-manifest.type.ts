/**
 * The manifest of an evidence export (docs/trace.md, "Evidence exports"): what was exported, by whom, for which
 * case, the file's SHA-256, and the proof that every row is a stored event of the integrity chain — enough for
 * anyone with the service's public key to check the file offline. Hashes and digests are lowercase hex.
 */
export const MANIFEST_FORMAT = 'tthc-audit/evidence-export/v1';

export interface EvidenceManifest {
  format: typeof MANIFEST_FORMAT;
  exportId: string;
  caseReference: string;
  purpose: string;
  exportedBy: { userId: string | null; username: string };
  exportedAt: string;
  /** The search as given, personal IDs replaced by their keyed hashes. */
  query: Record<string, unknown>;
  file: { format: 'csv' | 'xlsx'; sha256: string; bytes: number; rows: number; columns: string[] };
  chain: ChainProof;
  /** Ed25519 over "tthc-audit/evidence-export/v1\n" + the canonical JSON of everything above (manifest-signature.util). */
  signature: { keyId: string; value: string };
}

export interface ChainProof {
  /** Stretches of the chain, each from the first batch rows come from up to a signed chain head. */
  segments: ChainSegment[];
  /** The public key (PEM) of every key id that signed a head or the manifest. */
  publicKeys: Record<string, string>;
  /** Exported rows nothing proves (a batch the chain does not know, or an event its batch does not list). */
  unproven: { batchId: string; eventIds: string[] }[];
}

export interface ChainSegment {
  /** The digest the first link chains from. */
  prevDigest: string;
  links: ProofLink[];
  /** The signed digest at the last link (table signed_digest). */
  head: { chainSeq: string; batchId: string; digest: string; signedAt: string; keyId: string; signature: string };
}

/**
 * One chain link. Digest form 2: its Merkle root, and when rows of the file belong to it their positions in its
 * manifest (runs [first, length]) and the Merkle fill, so that the root is rebuilt from the file's rows (and a row
 * that differs is told from a broken chain). Digest form 1 (links written before form 2): its whole manifest.
 */
export interface ProofLink {
  batchId: string;
  chainSeq: string;
  count: number;
  digestForm: 1 | 2;
  /** The canonical form of the link's event hashes; set when rows of the file belong to it. */
  canonicalForm?: 1 | 2;
  root?: string;
  rows?: { runs: [number, number][]; fill: string[] };
  entries?: [string, string][];
}
