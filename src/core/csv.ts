/**
 * CSV cells written for people to open in a spreadsheet. A cell beginning with = + - @ tab or carriage return is
 * read as a formula by Excel, LibreOffice and Sheets (CSV injection): it is prefixed with a quote so it shows as
 * text. Numbers are written as numbers and never pass through here.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One text cell: formula-neutralised, then quoted when it holds a comma, quote or line break. */
export function csvTextCell(text: string): string {
  const safe = neutraliseFormula(text);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
