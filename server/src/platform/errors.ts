/** One error shape for the whole API: { error: { code, message, details } }. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(400, code, message, details);
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (permission: string, message = '你的角色没有这项操作的权限，请联系主管或管理员') =>
  new AppError(403, 'forbidden', message, [{ path: 'permission', message: permission }]);
/** `entity` is the code programs read (details[].path); `label` the name staff read (店铺, 订单). */
export const notFound = (entity: string, id: string | number, label: string) =>
  new AppError(404, 'not_found', `${label} ${id} 不存在`, [{ path: entity, message: String(id) }]);
export const conflict = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(422, code, message, details);

/** Too many attempts (sign-in throttling): 429 with Retry-After. */
export class TooManyAttempts extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(429, 'too_many_attempts', message, [{ path: 'retryAfterSeconds', message: String(retryAfterSeconds) }]);
  }
}

/**
 * A conflict with a concurrent request that has committed by now: the command runs once more in a
 * fresh transaction (this one's writes roll back), and answers `error` only if it happens again.
 */
export class RetryInNewTransaction extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/**
 * A move that the entity's transition table does not allow. The message names the state and the
 * action as staff know them (labels); details carry the codes for programs.
 */
export class StateError extends AppError {
  constructor(
    readonly entity: string,
    readonly currentState: string,
    readonly action: string,
    labels: { state?: string; action?: string } = {},
  ) {
    super(409, 'invalid_transition', `${entity}当前状态为「${labels.state ?? currentState}」，不能${labels.action ?? action}`, [
      { path: 'status', message: currentState },
      { path: 'action', message: action },
    ]);
  }
}
