// The xlsx adapter's entry point, kept for its importers: the class lives in port.ts.
export { XlsxPort } from './port';
