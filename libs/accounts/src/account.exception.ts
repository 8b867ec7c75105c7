import { DomainException, ErrorCode } from '@app/common';

export class AccountException extends DomainException {}

export const accountNotFound = (accountId: string): AccountException =>
  new AccountException(ErrorCode.NOT_FOUND, `Account ${accountId} is not known`);

export const accountNotLocked = (accountId: string): AccountException =>
  new AccountException(ErrorCode.CONFLICT, `Account ${accountId} is not locked`);

export const exemptionNotFound = (id: string): AccountException =>
  new AccountException(ErrorCode.NOT_FOUND, `Exemption ${id} is not known`);

/** A producer key of a system that does not own the directory: its export would rewrite other systems' accounts. */
export const notDirectoryOwner = (sourceSystem: string): AccountException =>
  new AccountException(
    ErrorCode.FORBIDDEN,
    `Source system ${sourceSystem} does not own the account directory, so its key may not sync it; nothing was changed. ` +
      'Only the key of the system an admin marked as the owner (PUT /v1/source-systems/{code}/owns-account-directory) may, ' +
      'or a signed-in operator or admin.',
  );
