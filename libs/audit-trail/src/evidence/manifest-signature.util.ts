import { canonicalJson } from '../canonical-event';
import { MANIFEST_FORMAT, type EvidenceManifest } from './evidence-manifest.type';

/** The signed bytes of a manifest: its format line, then the canonical JSON of every member but the signature. */
export function manifestPayload(manifest: Omit<EvidenceManifest, 'signature'> | EvidenceManifest): Buffer {
  const { signature: _signature, ...body } = manifest as EvidenceManifest;
  return Buffer.from(`${MANIFEST_FORMAT}\n${canonicalJson(body)}`, 'utf8');
}

/** The manifest file's text: canonical JSON (one text for one manifest, so any changed byte is caught). */
export function manifestText(manifest: EvidenceManifest): string {
  return `${canonicalJson(manifest)}\n`;
}
