import { PROCEDURES } from '../province.constant';
import type { Procedure } from '../province.type';

/** Procedures that only the labelled province's police and justice offices handle. */
export const ID_CARD_PROCEDURE: Procedure = {
  code: '2.001255',
  name: 'Cấp thẻ căn cước',
  // The card needs the portrait and fingerprints: sensitive fields that this procedure does need.
  fields: [
    'fullName',
    'dateOfBirth',
    'gender',
    'personalId',
    'permanentResidence',
    'faceImage',
    'fingerprints',
  ],
  wholeHousehold: false,
};

export const POLICE_PROCEDURES: Procedure[] = [ID_CARD_PROCEDURE, ID_CARD_PROCEDURE, PROCEDURES.residence];
export const JUSTICE_PROCEDURES: Procedure[] = [
  PROCEDURES.judicialRecord,
  PROCEDURES.birth,
  PROCEDURES.marriage,
  PROCEDURES.maritalCert,
];

/** Districts of the simulated province: one police and one justice office each. */
export const DISTRICTS = 11;

/** Field-catalog codes of class "sensitive" that misuse asks for without a procedure needing them. */
export const SENSITIVE_FIELDS = [
  'religion',
  'criminalRecord',
  'fingerprints',
  'faceImage',
  'ethnicity',
] as const;

/**
 * Addresses outside every unit's network, from the documentation ranges (RFC 5737), so that no real network is
 * named: a home or café connection in the unusual-network cases.
 */
export const OUTSIDE_NETWORKS = ['203.0.113.', '198.51.100.'] as const;

/** Relative size of a unit of each kind, for spreading the accounts. */
export const UNIT_SIZE_WEIGHT = {
  department: 4,
  commune: 1,
  post_office: 1,
  police: 1.5,
  justice: 1,
} as const;
