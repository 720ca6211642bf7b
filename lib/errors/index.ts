// The one error model: AppError with a code, and its two mappings.
export {
  APP_ERROR_STATUS,
  AppError,
  isAppError,
  type TAppErrorCode,
  type TErrorDetails,
} from './app-error';
export {
  errorResponse,
  failureOf,
  httpStatusOf,
  reportError,
  resultOf,
  type TActionResult,
  type TFailure,
  type TFailureCode,
} from './result';
