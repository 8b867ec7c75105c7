import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { SecurityEventRepository } from '../security-log/security-event.repository';
import { SecurityLogService } from '../security-log/security-log.service';
import { PasswordAttemptRepository } from '../sessions/password-attempt.repository';
import { RefreshTokenRepository } from '../sessions/refresh-token.repository';
import { PasswordService } from './password.service';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';

/** The user service outside the Nest application, for command-line operations on an open database. */
export function userServiceFor(db: DataSource, config: AppConfig): UserService {
  const clock = new Clock();
  const securityLog = new SecurityLogService(new SecurityEventRepository(db), clock);
  return new UserService(
    new UserRepository(db),
    new PasswordService(config),
    new RefreshTokenRepository(db),
    new PasswordAttemptRepository(db),
    securityLog,
    clock,
  );
}
