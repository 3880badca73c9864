// ApiError is every failure of a call into Go, whichever transport carried
// it: a code to branch on, a sentence for the user, and per-field problems.
export class ApiError extends Error {
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = fields;
  }

  /** Field problem for `name`, if any. */
  field(name: string): string | undefined {
    return this.fields[name];
  }
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  fields?: unknown;
}

/** toApiError turns whatever a transport rejected with into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof Error) {
    return new ApiError('unreachable', `Ledgerlink could not be reached: ${e.message}`);
  }
  let body: unknown = e;
  if (typeof e === 'string') {
    // Wails may hand over the formatted error as JSON text.
    try {
      body = JSON.parse(e);
    } catch {
      return new ApiError('internal', e);
    }
  }
  if (body && typeof body === 'object') {
    const b = body as ErrorBody;
    if (typeof b.message === 'string') {
      const fields =
        b.fields && typeof b.fields === 'object' ? (b.fields as Record<string, string>) : {};
      return new ApiError(typeof b.code === 'string' ? b.code : 'internal', b.message, fields);
    }
  }
  return new ApiError('internal', 'Something went wrong inside Ledgerlink. Please try again.');
}

/** errorText is the sentence to show for any failure of a call into Go: the
 * one place the UI turns an error into words. */
export function errorText(e: unknown): string {
  return toApiError(e).message;
}
