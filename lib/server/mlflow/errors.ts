/**
 * MLflow's error body, `{"error_code": …, "message": …}`, with the HTTP status MLflow's server
 * gives each code (mlflow/exceptions.py: RESOURCE_ALREADY_EXISTS and INVALID_PARAMETER_VALUE are
 * 400, not 409/422). MLflow clients branch on `error_code`, so the codes are part of the contract.
 */
export const MLFLOW_ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;

export type MlflowErrorCode = keyof typeof MLFLOW_ERROR_STATUS;

export class MlflowError extends Error {
  readonly status: number;
  constructor(
    readonly code: MlflowErrorCode,
    message: string,
    /** Only for answers MLflow's codes do not cover (405 Method Not Allowed). */
    status?: number,
  ) {
    super(message);
    this.status = status ?? MLFLOW_ERROR_STATUS[code];
  }
}

export const invalidParameter = (message: string) => new MlflowError('INVALID_PARAMETER_VALUE', message);
export const doesNotExist = (message: string) => new MlflowError('RESOURCE_DOES_NOT_EXIST', message);

export function mlflowJson(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

export function mlflowErrorResponse(err: MlflowError): Response {
  return mlflowJson(err.status, { error_code: err.code, message: err.message });
}
