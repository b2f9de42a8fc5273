/**
 * Timezone vs IP region vs GPS, from what we can compute without a geo-IP database: the device's UTC offset (from
 * its IANA zone or reported offset), the solar offset of the GPS longitude (lon / 15 h), and the UTC offsets a
 * country spans (the IP's country comes from the caller: a CDN header or the operator's own geo-IP). A fraudster
 * abroad behind a local proxy, or an emulator with a spoofed GPS, disagrees on at least one pair.
 */

/** Offsets (hours, DST included) a country's zones span. Importable: pass your own table to the checks. */
export const COUNTRY_UTC_OFFSETS: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  CN: [8, 8],
  HK: [8, 8],
  TW: [8, 8],
  MO: [8, 8],
  SG: [8, 8],
  MY: [8, 8],
  PH: [8, 8],
  ID: [7, 9],
  VN: [7, 7],
  TH: [7, 7],
  KH: [7, 7],
  MM: [6.5, 6.5],
  IN: [5.5, 5.5],
  PK: [5, 5],
  BD: [6, 6],
  JP: [9, 9],
  KR: [9, 9],
  AU: [8, 11],
  NZ: [12, 13.75],
  RU: [2, 12],
  KZ: [5, 6],
  AE: [4, 4],
  SA: [3, 3],
  TR: [3, 3],
  IL: [2, 3],
  EG: [2, 3],
  ZA: [2, 2],
  NG: [1, 1],
  KE: [3, 3],
  GB: [0, 1],
  IE: [0, 1],
  PT: [-1, 1],
  ES: [0, 2],
  FR: [1, 2],
  DE: [1, 2],
  IT: [1, 2],
  NL: [1, 2],
  PL: [1, 2],
  UA: [2, 3],
  US: [-10, -4],
  CA: [-8, -2.5],
  MX: [-8, -5],
  BR: [-5, -2],
  AR: [-3, -3],
  CL: [-6, -3],
  CO: [-5, -5],
  PE: [-5, -5],
});

/** UTC offset in hours of an IANA zone at an instant, or null for an unknown zone. */
export function zoneOffsetHours(timeZone: string, at: Date): number | null {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (!part) return null;
    if (part === 'GMT') return 0;
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(part);
    if (!m) return null;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60);
  } catch {
    return null;
  }
}

export interface GeoInputs {
  /** IANA zone reported by the device. */
  timezone?: string | null;
  /** Date#getTimezoneOffset() style: UTC − local, minutes (used when the zone is missing or unknown). */
  timezoneOffsetMinutes?: number | null;
  /** ISO alpha-2 country of the IP (from a CDN header or geo-IP). */
  ipCountry?: string | null;
  gps?: { lat: number; lon: number } | null;
  at: Date;
}

export interface GeoMismatch {
  /** Device UTC offset in hours (null when unknown). */
  deviceOffsetHours: number | null;
  timezoneVsIp: boolean;
  timezoneVsGps: boolean;
  ipVsGps: boolean;
  /** Largest disagreement found, in hours (0 when nothing to compare). */
  gapHours: number;
}

const GPS_TOLERANCE_H = 3.5; // political zones stretch: western China keeps UTC+8 at a solar offset of +5
const COUNTRY_TOLERANCE_H = 1; // one hour for DST transitions the table does not know about

function distanceToRange(x: number, [lo, hi]: readonly [number, number]): number {
  return x < lo ? lo - x : x > hi ? x - hi : 0;
}

export function geoMismatch(
  input: GeoInputs,
  table: Readonly<Record<string, readonly [number, number]>> = COUNTRY_UTC_OFFSETS,
): GeoMismatch {
  let device: number | null = input.timezone ? zoneOffsetHours(input.timezone, input.at) : null;
  if (device === null && typeof input.timezoneOffsetMinutes === 'number') device = -input.timezoneOffsetMinutes / 60;
  const range = input.ipCountry ? table[input.ipCountry.toUpperCase()] : undefined;
  const solar = input.gps ? input.gps.lon / 15 : null;
  let gap = 0;
  let timezoneVsIp = false;
  let timezoneVsGps = false;
  let ipVsGps = false;
  if (device !== null && range) {
    const d = distanceToRange(device, range);
    gap = Math.max(gap, d);
    timezoneVsIp = d > COUNTRY_TOLERANCE_H;
  }
  if (device !== null && solar !== null) {
    // wrap across the date line: +12 and −12 are neighbours
    let d = Math.abs(device - solar) % 24;
    if (d > 12) d = 24 - d;
    gap = Math.max(gap, d);
    timezoneVsGps = d > GPS_TOLERANCE_H;
  }
  if (range && solar !== null) {
    const d = distanceToRange(solar, range);
    gap = Math.max(gap, d);
    ipVsGps = d > GPS_TOLERANCE_H;
  }
  return { deviceOffsetHours: device, timezoneVsIp, timezoneVsGps, ipVsGps, gapHours: gap };
}
