import type { NoticeDataCategory } from './breach-notice.type';

/**
 * Field-catalog codes whose disclosure the law asks to tell the affected citizens about: biometric data (portrait,
 * fingerprints) and location data. The v1 catalog has no location item; `location` is the code a deployment gives
 * positioning data when it extends the catalog.
 */
export const CITIZEN_NOTICE_KINDS: Readonly<Record<string, NonNullable<NoticeDataCategory['kind']>>> = {
  faceImage: 'biometric',
  fingerprints: 'biometric',
  location: 'location',
};
