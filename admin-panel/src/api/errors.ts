/** Every failure the API answers carries `{"error": {code, message, details, request_id}}`. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown; request_id?: string | null };
}

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | null;
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: unknown;
    requestId?: string | null;
    retryAfter?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
  }

  get isServerError(): boolean {
    return this.status >= 500 || this.status === 0;
  }

  /** Field errors keyed by form field: `body.preferences.page_size` becomes `preferences.page_size`. */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.flatMap((item: unknown) => {
      if (!item || typeof item !== 'object') return [];
      const { field, message } = item as { field?: unknown; message?: unknown };
      if (typeof field !== 'string' || typeof message !== 'string') return [];
      return [{ field: field.replace(/^(body|query|path)\./, ''), message }];
    });
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  if (!body || typeof body !== 'object' || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return !!error && typeof error === 'object' && 'code' in error && 'message' in error;
}

/** Turns a failed response into an ApiError, whether or not it carries the envelope. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const retry = Number(response.headers.get('Retry-After'));
  const requestId = response.headers.get('X-Request-ID');
  if (isEnvelope(body)) {
    return new ApiError({
      status: response.status,
      code: body.error.code,
      message: body.error.message,
      details: body.error.details,
      requestId: body.error.request_id ?? requestId,
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
    });
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? 'server_error' : 'http_error',
    message:
      response.status >= 500
        ? 'The server could not answer. Try again in a moment.'
        : `The request failed (${response.status}).`,
    requestId,
  });
}

export function networkError(): ApiError {
  return new ApiError({
    status: 0,
    code: 'network_error',
    message: 'The server cannot be reached. Check your connection and try again.',
  });
}

/** A sentence for people: rate limits say when to retry. */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong. Try again.';
  if (error.status === 429 && error.retryAfter) {
    const minutes = Math.ceil(error.retryAfter / 60);
    const wait = error.retryAfter < 90 ? `${error.retryAfter} seconds` : `${minutes} minutes`;
    return `${error.message} You can try again in ${wait}.`;
  }
  return error.message;
}
