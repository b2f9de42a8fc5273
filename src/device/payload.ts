/**
 * Device payloads: what the browser collector posts and what a mobile SDK posts (documented in
 * docs/graph.md). Closed objects except where noted; strings are length-bounded so a hostile client cannot
 * make us store megabytes. Raw hardware ids (Android ID, IDFV, DRM id) are used only to derive the keyed device id
 * and are never stored in clear.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { compileValidator, createAjv, type Validator } from '../core/validate.js';

const Str = (max: number, description?: string) =>
  Type.String({ maxLength: max, ...(description ? { description } : {}) });
const Hash = Type.Union([Type.String({ maxLength: 64, pattern: '^[0-9a-f]*$' }), Type.Null()]);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Bool = (description: string) => Type.Optional(Type.Boolean({ description }));
const closed = { additionalProperties: false } as const;

export const WebCollectorPayloadSchema = Type.Object(
  {
    source: Type.Literal('web'),
    v: Type.Literal(1),
    sessionId: Type.Optional(Str(128, 'the application session the page belongs to')),
    collectedAt: Type.Number({ description: 'client clock, ms since epoch (compared with server time)' }),
    canvasHash: Hash,
    webglHash: Hash,
    webglVendor: Nullable(Str(128)),
    webglRenderer: Nullable(Str(256)),
    audioHash: Hash,
    fonts: Type.Array(Str(64), { maxItems: 64 }),
    screen: Type.Object(
      {
        width: Type.Integer({ minimum: 0, maximum: 100000 }),
        height: Type.Integer({ minimum: 0, maximum: 100000 }),
        availWidth: Type.Integer({ minimum: 0, maximum: 100000 }),
        availHeight: Type.Integer({ minimum: 0, maximum: 100000 }),
        colorDepth: Type.Integer({ minimum: 0, maximum: 64 }),
        pixelRatio: Type.Number({ minimum: 0, maximum: 20 }),
      },
      closed,
    ),
    timezone: Nullable(Str(64, 'IANA zone, e.g. Asia/Shanghai')),
    timezoneOffset: Type.Integer({
      minimum: -900,
      maximum: 900,
      description: 'Date#getTimezoneOffset(): UTC − local, minutes',
    }),
    languages: Type.Array(Str(35), { maxItems: 10 }),
    platform: Str(64),
    userAgent: Str(512),
    hardwareConcurrency: Nullable(Type.Integer({ minimum: 0, maximum: 1024 })),
    deviceMemory: Nullable(Type.Number({ minimum: 0, maximum: 1024 })),
    maxTouchPoints: Type.Integer({ minimum: 0, maximum: 64 }),
    touch: Type.Boolean(),
    cookieEnabled: Type.Boolean(),
    webdriver: Type.Boolean({ description: 'navigator.webdriver: the browser is driven by automation' }),
    headlessTraits: Type.Array(Str(32), { maxItems: 16, description: 'headless-browser traits observed' }),
    automation: Type.Array(Str(48), { maxItems: 16, description: 'automation framework globals/attributes found' }),
    storageId: Nullable(Str(64, 'localStorage id: shows cookie clearing; never part of the device id')),
  },
  { ...closed, title: 'WebDevicePayload' },
);
export type WebCollectorPayload = Static<typeof WebCollectorPayloadSchema>;

export const MobileSdkPayloadSchema = Type.Object(
  {
    source: Type.Union([Type.Literal('android'), Type.Literal('ios')]),
    v: Type.Literal(1),
    sdkVersion: Str(32),
    sessionId: Type.Optional(Str(128)),
    collectedAt: Type.Number(),
    hardware: Type.Object(
      {
        manufacturer: Str(64),
        model: Str(64),
        board: Type.Optional(Str(64)),
        cpuAbi: Type.Optional(Str(32)),
        cores: Type.Optional(Type.Integer({ minimum: 0, maximum: 1024 })),
        memoryMb: Type.Optional(Type.Integer({ minimum: 0 })),
        storageGb: Type.Optional(Type.Number({ minimum: 0 })),
        screenWidth: Type.Integer({ minimum: 0, maximum: 100000 }),
        screenHeight: Type.Integer({ minimum: 0, maximum: 100000 }),
        density: Type.Optional(Type.Number({ minimum: 0, maximum: 20 })),
      },
      closed,
    ),
    os: Type.Object({ name: Str(32), version: Str(32), buildFingerprint: Type.Optional(Str(256)) }, closed),
    ids: Type.Object(
      {
        drmId: Type.Optional(Str(128, 'Widevine/MediaDrm device id (Android): survives app reinstall')),
        androidId: Type.Optional(Str(64, 'Settings.Secure.ANDROID_ID: per signing key, survives reinstall (8.0+)')),
        idfv: Type.Optional(Str(64, 'identifierForVendor (iOS): stable while any app of the vendor is installed')),
        keychainId: Type.Optional(Str(64, 'iOS: id kept in the keychain, survives app deletion')),
        installId: Type.Optional(Str(64, 'per-install random id: shows reinstalls; never part of the device id')),
      },
      closed,
    ),
    integrity: Type.Object(
      {
        rooted: Bool('Android root (su binary, Magisk, test-keys build)'),
        jailbroken: Bool('iOS jailbreak (Cydia/Sileo paths, sandbox escape)'),
        emulator: Bool('emulator/virtual device (goldfish/ranchu, generic build, x86 ABI on a phone model)'),
        hookingFrameworks: Type.Optional(
          Type.Array(Str(32), { maxItems: 16, description: 'e.g. frida, xposed, lsposed, substrate, cycript' }),
        ),
        debuggerAttached: Bool('a debugger is attached / app is debuggable'),
        appTampered: Bool('APK/IPA signature or checksum differs from the release'),
        installer: Type.Optional(Str(64, 'installing store package, e.g. com.android.vending')),
        virtualSpace: Bool('app runs inside a cloning/multi-instance container (Parallel Space, VirtualApp)'),
      },
      closed,
    ),
    network: Type.Object(
      {
        vpn: Bool('a VPN transport is active'),
        proxy: Bool('an HTTP proxy is configured'),
        wifi: Bool('on Wi-Fi'),
        simPresent: Bool('a SIM is inserted'),
        simCountry: Type.Optional(Str(2, 'ISO 3166 alpha-2 of the SIM')),
        carrier: Type.Optional(Str(64)),
        mccMnc: Type.Optional(Str(8)),
      },
      closed,
    ),
    location: Type.Optional(
      Type.Object(
        {
          mockLocation: Bool('mock-location provider enabled or location flagged isFromMockProvider'),
          lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
          accuracyM: Type.Optional(Type.Number({ minimum: 0 })),
        },
        closed,
      ),
    ),
    battery: Type.Optional(
      Type.Object(
        {
          level: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
          charging: Type.Optional(Type.Boolean()),
          temperatureC: Type.Optional(Type.Number({ minimum: -50, maximum: 150 })),
          present: Type.Optional(Type.Boolean()),
        },
        closed,
      ),
    ),
    sensors: Type.Optional(
      Type.Object(
        {
          accelerometer: Type.Optional(Type.Boolean()),
          gyroscope: Type.Optional(Type.Boolean()),
          magnetometer: Type.Optional(Type.Boolean()),
          accelerometerVariance: Type.Optional(
            Type.Number({ minimum: 0, description: 'variance over ~2 s; exactly 0 on racks and emulators' }),
          ),
        },
        closed,
      ),
    ),
    timezone: Type.Optional(Str(64)),
    timezoneOffset: Type.Optional(Type.Integer({ minimum: -900, maximum: 900, description: 'UTC − local, minutes' })),
    languages: Type.Optional(Type.Array(Str(35), { maxItems: 10 })),
  },
  { ...closed, title: 'MobileDevicePayload' },
);
export type MobileSdkPayload = Static<typeof MobileSdkPayloadSchema>;

export const DevicePayloadSchema = Type.Union([WebCollectorPayloadSchema, MobileSdkPayloadSchema], {
  title: 'DevicePayload',
});
export type DevicePayload = WebCollectorPayload | MobileSdkPayload;

/** Compiled validators (create once, reuse: compiling is the expensive part). */
export function createDevicePayloadValidators(): {
  web: Validator<WebCollectorPayload>;
  mobile: Validator<MobileSdkPayload>;
  /** Validates either kind by its `source`; throws ValidationError naming each failing field. */
  assert(value: unknown): DevicePayload;
} {
  const ajv = createAjv();
  const web = compileValidator(ajv, WebCollectorPayloadSchema);
  const mobile = compileValidator(ajv, MobileSdkPayloadSchema);
  return {
    web,
    mobile,
    assert(value) {
      const source = (value as { source?: unknown } | null)?.source;
      return source === 'web' ? web.assert(value, 'device payload') : mobile.assert(value, 'device payload');
    },
  };
}
