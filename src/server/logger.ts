/**
 * Logger options with redaction. Request bodies are never logged; these paths catch identifiers that reach a log
 * line some other way (an error object, a debug statement) before they are written.
 */
const IDENTIFIER_FIELDS = [
  'nationalId',
  'phone',
  'email',
  'bankCard',
  'deviceId',
  'ip',
  'name',
  'line',
  'employerPhone',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'body',
  'req.body',
  // deep enough for a whole application logged by mistake (application.applicant.emergencyContacts[0].phone)
  ...IDENTIFIER_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`, `*.*.*.*.${f}`, `*.*.*.*.*.${f}`]),
];

export function loggerOptions(level: string) {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
}
