import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainException, ErrorCode, ErrorDetail } from '@app/common';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** One validation pipe for every HTTP input: unknown fields refused, values converted, 400 naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new DomainException(ErrorCode.VALIDATION_FAILED, 'The request is not valid', flatten(errors)),
  });
}
