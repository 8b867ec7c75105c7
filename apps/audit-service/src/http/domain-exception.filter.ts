import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainException, ErrorCode, ErrorDetail } from '@app/common';
import { maskPersonalIds } from '@app/ingestion';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};

const CODE_OF_STATUS = new Map(Object.entries(STATUS).map(([code, status]) => [status, code]));

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; requestId?: string };
}

/**
 * The one place errors become HTTP responses. Domain codes map to statuses; framework errors keep their status;
 * anything else is a 500 that says nothing about the internals (no stack, no SQL).
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const [status, error] = this.describe(exception);
    if (status >= 500) this.logger.error({ err: loggableError(exception), requestId: request.id }, 'Request failed');
    response.status(status).json({ error: { ...error, requestId: request.id } } satisfies ErrorBody);
  }

  private describe(exception: unknown): [number, ErrorBody['error']] {
    if (exception instanceof DomainException) {
      const details = exception.details.length ? exception.details : undefined;
      return [STATUS[exception.code], { code: exception.code, message: exception.message, details }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_OF_STATUS.get(status) ?? (status >= 500 ? 'INTERNAL' : 'HTTP_' + status);
      return [status, { code, message: status >= 500 ? 'Internal error' : exception.message }];
    }
    // body-parser and other express middleware signal with a status and a type.
    const e = exception as { status?: number; type?: string };
    if (e?.status === 413 || e?.type === 'entity.too.large') {
      return [413, { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body is larger than the allowed limit' }];
    }
    if (e?.type === 'entity.parse.failed') {
      return [400, { code: ErrorCode.VALIDATION_FAILED, message: 'Request body is not valid JSON' }];
    }
    return [500, { code: 'INTERNAL', message: 'Internal error' }];
  }
}

/**
 * An unexpected error as the log keeps it: its kind, message and stack, with any personal ID masked, and without
 * what a failed query carries (TypeORM's QueryFailedError holds the SQL and its parameters, the driver's error the
 * row's values): a search's criteria as typed must not reach the log through its failure.
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof Error)) return { message: maskPersonalIds(String(error)) };
  const code = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  return {
    type: error.name,
    message: maskPersonalIds(error.message),
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack === undefined ? undefined : maskPersonalIds(error.stack),
  };
}
