export { XlsxPort } from '../ooxml/port';
