import { DomainException, ErrorCode } from '@app/common';

export class AccountException extends DomainException {}

export const accountNotFound = (accountId: string): AccountException =>
  new AccountException(ErrorCode.NOT_FOUND, `Account ${accountId} is not known`);

export const accountNotLocked = (accountId: string): AccountException =>
  new AccountException(ErrorCode.CONFLICT, `Account ${accountId} is not locked`);

export const exemptionNotFound = (id: string): AccountException =>
  new AccountException(ErrorCode.NOT_FOUND, `Exemption ${id} is not known`);
