import { isEmail, isPhoneNumber } from 'class-validator';
import { parse } from 'csv-parse/sync';

export interface CandidateCsvRow {
  line: number;
  fullName: string;
  email: string;
  phone: string | null;
  counselorEmail: string | null;
}

export interface RejectedRow {
  line: number;
  email: string | null;
  reason: string;
}

export interface ParsedCandidateCsv {
  rows: CandidateCsvRow[];
  rejected: RejectedRow[];
}

/** Accepted header spellings for each column. */
const HEADERS: Record<keyof Omit<CandidateCsvRow, 'line'>, string[]> = {
  fullName: ['name', 'full_name', 'fullname', 'full name'],
  email: ['email', 'e-mail', 'email_address'],
  phone: ['phone', 'phone_number', 'telephone'],
  counselorEmail: ['counselor_email', 'counselor email', 'counseloremail', 'counselor'],
};

export const MAX_IMPORT_ROWS = 20000;

function columnIndex(header: string[], names: string[]): number {
  return header.findIndex((cell) => names.includes(cell.trim().toLowerCase()));
}

/**
 * Reads a candidates CSV (name, email, phone, counselor email; header row
 * required) into rows to import and rows rejected with why. Pure: no database.
 */
export function parseCandidateCsv(text: string): ParsedCandidateCsv {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new CsvFormatError(`The file is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new CsvFormatError('The file is empty');
  const at = {
    fullName: columnIndex(header, HEADERS.fullName),
    email: columnIndex(header, HEADERS.email),
    phone: columnIndex(header, HEADERS.phone),
    counselorEmail: columnIndex(header, HEADERS.counselorEmail),
  };
  if (at.fullName < 0 || at.email < 0)
    throw new CsvFormatError('The header row must name the "name" and "email" columns');
  if (body.length > MAX_IMPORT_ROWS) throw new CsvFormatError(`At most ${MAX_IMPORT_ROWS} rows per file`);

  const rows: CandidateCsvRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  body.forEach((record, index) => {
    const line = index + 2;
    const cell = (position: number) => (position >= 0 ? (record[position] ?? '').trim() : '');
    const fullName = cell(at.fullName);
    const email = cell(at.email).toLowerCase();
    const phone = cell(at.phone) || null;
    const counselorEmail = cell(at.counselorEmail).toLowerCase() || null;
    const reject = (reason: string) => rejected.push({ line, email: email || null, reason });
    if (!fullName || fullName.length > 200) return reject('The name is missing or longer than 200 characters');
    if (!isEmail(email) || email.length > 254) return reject('The e-mail address is not valid');
    if (phone && !isPhoneNumber(phone))
      return reject('The phone number is not an international number such as +44 20 7946 0958');
    if (counselorEmail && !isEmail(counselorEmail)) return reject("The counselor's e-mail address is not valid");
    if (seen.has(email)) return reject('The same e-mail address appears earlier in the file');
    seen.add(email);
    rows.push({ line, fullName, email, phone, counselorEmail });
  });
  return { rows, rejected };
}

export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}
