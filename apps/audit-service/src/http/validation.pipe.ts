import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainException, ErrorCode, ErrorDetail, findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '@app/common';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Every DTO's input is refused first if it holds text the database cannot store (a NUL character, an unpaired
 * surrogate), and so is any path parameter or query value: such a value would otherwise pass validation and make
 * the action's own record fail after the action (an export streamed, then its security-log entry refused). Bodies
 * read as they are (the ingest's `unknown`) are not DTOs: their records are judged one by one and kept aside.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' || metadata.type === 'query' || (metadata.type === 'body' && this.toValidate(metadata))) {
      const at = findUnstorableText(value);
      if (at !== null) {
        throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The request is not valid', [{ field: at || metadata.type, message: UNSTORABLE_TEXT_MESSAGE }]);
      }
    }
    return super.transform(value, metadata);
  }
}

/** One validation pipe for every HTTP input: unknown fields refused, values converted, 400 naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new DomainException(ErrorCode.VALIDATION_FAILED, 'The request is not valid', flatten(errors)),
  });
}
