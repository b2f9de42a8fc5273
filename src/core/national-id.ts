/**
 * What a PRC resident identity number (GB 11643-1999) says about its holder, so declared facts can be checked
 * against it: 6 digits of region (the first two are the province), 8 of birth date, 3 of sequence (odd = male) and
 * a MOD 11-2 check character. Pure functions; an identifier is never logged or returned in clear.
 */

export interface ResidentId {
  /** The check character matches the first 17 digits. */
  checksumOk: boolean;
  /** YYYY-MM-DD, or null when the eight digits are not a real date. */
  birthDate: string | null;
  sex: 'M' | 'F';
  /** Two-digit province code (e.g. `44` Guangdong). */
  provinceCode: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

/** The MOD 11-2 check character of the first 17 digits. */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Parses an 18-character resident id; null when it does not have that shape (another country's document). */
export function parseResidentId(value: string): ResidentId | null {
  const id = value.trim().toUpperCase();
  if (!SHAPE.test(id)) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
  return {
    checksumOk: residentIdCheck(id.slice(0, 17)) === id[17],
    birthDate: real ? `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` : null,
    sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
    provinceCode: id.slice(0, 2),
  };
}

/** Province-level divisions by their id code, with the names an address may use (pinyin and Chinese). */
const PROVINCES: ReadonlyArray<readonly [code: string, ...names: string[]]> = [
  ['11', 'beijing', '北京'],
  ['12', 'tianjin', '天津'],
  ['13', 'hebei', '河北'],
  ['14', 'shanxi', '山西'],
  ['15', 'inner mongolia', 'neimenggu', '内蒙古'],
  ['21', 'liaoning', '辽宁'],
  ['22', 'jilin', '吉林'],
  ['23', 'heilongjiang', '黑龙江'],
  ['31', 'shanghai', '上海'],
  ['32', 'jiangsu', '江苏'],
  ['33', 'zhejiang', '浙江'],
  ['34', 'anhui', '安徽'],
  ['35', 'fujian', '福建'],
  ['36', 'jiangxi', '江西'],
  ['37', 'shandong', '山东'],
  ['41', 'henan', '河南'],
  ['42', 'hubei', '湖北'],
  ['43', 'hunan', '湖南'],
  ['44', 'guangdong', '广东'],
  ['45', 'guangxi', '广西'],
  ['46', 'hainan', '海南'],
  ['50', 'chongqing', '重庆'],
  ['51', 'sichuan', '四川'],
  ['52', 'guizhou', '贵州'],
  ['53', 'yunnan', '云南'],
  ['54', 'tibet', 'xizang', '西藏'],
  ['61', 'shaanxi', '陕西'],
  ['62', 'gansu', '甘肃'],
  ['63', 'qinghai', '青海'],
  ['64', 'ningxia', '宁夏'],
  ['65', 'xinjiang', '新疆'],
  ['71', 'taiwan', '台湾'],
  ['81', 'hong kong', 'hongkong', '香港'],
  ['82', 'macau', 'macao', '澳门'],
];

const CODE_BY_NAME = new Map<string, string>();
for (const [code, ...names] of PROVINCES) {
  CODE_BY_NAME.set(code, code);
  for (const n of names) CODE_BY_NAME.set(n, code);
}

/**
 * The id code of a province as an address gives it: a code (`44`), a name (`Guangdong`, `广东`) with or without
 * its suffix (`广东省`, `Guangdong Province`). Null when unknown (never guessed).
 */
export function provinceCodeOf(province: string): string | null {
  const p = province
    .trim()
    .toLowerCase()
    .replace(/\s+(province|municipality|autonomous region|special administrative region|sar)$/, '')
    .replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, '');
  return CODE_BY_NAME.get(p) ?? null;
}

/**
 * Mobile number segments of the virtual network operators (MVNOs): cheap, sold with little identity checking,
 * and over-represented among fraud. Mainland 11-digit numbers, with or without +86.
 */
const VIRTUAL_SEGMENTS = ['162', '165', '167', '170', '171'];

/** The mainland mobile number (11 digits) of a phone as written, or null. */
export function mainlandMobile(phone: string): string | null {
  let digits = phone.replace(/[\s()+-]/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return /^1\d{10}$/.test(digits) ? digits : null;
}

export function isVirtualOperatorPhone(phone: string): boolean | null {
  const m = mainlandMobile(phone);
  return m === null ? null : VIRTUAL_SEGMENTS.includes(m.slice(0, 3));
}

/** Throw-away mail services: an address that is gone tomorrow cannot be used to reach a borrower. */
const DISPOSABLE_DOMAINS = new Set([
  'mailinator.com',
  'yopmail.com',
  'guerrillamail.com',
  'sharklasers.com',
  '10minutemail.com',
  'temp-mail.org',
  'tempmail.cn',
  'linshiyouxiang.net',
  'trashmail.com',
  'dispostable.com',
  'getnada.com',
  'maildrop.cc',
]);

export function isDisposableEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  return (
    at >= 0 &&
    DISPOSABLE_DOMAINS.has(
      email
        .slice(at + 1)
        .trim()
        .toLowerCase(),
    )
  );
}
