// Errors shaped like OfficeExtension.Error: a string `code`, a message and debugInfo.
export const ErrorCodes = {
  accessDenied: 'AccessDenied',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidObjectPath: 'InvalidObjectPath',
  invalidReference: 'InvalidReference',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  invalidSelection: 'InvalidSelection',
  unsupportedOperation: 'UnsupportedOperation',
} as const;

export type FakeErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export function fail(code: FakeErrorCode, message: string, location?: string): never {
  throw new FakeOfficeError(code, message, location);
}
