// Named numbers and strings of the virtual recorder UI (the recorder's own rules live in lib/recorder).

/** The httpOnly cookie that carries the sealed recorder state. */
export const SIMULATOR_COOKIE = "sim-recorder";
/** The cookie is only sent to the simulator's own route. */
export const SIMULATOR_COOKIE_PATH = "/simulator";
/** A virtual recorder is "powered off" after this long without use (cookie and seal both expire). */
export const SIMULATOR_STATE_TTL_MS = 12 * 60 * 60 * 1000;

/** HKDF "info" for the cookie key: distinct from every other use of NEXTAUTH_SECRET. */
export const SIMULATOR_SEAL_LABEL = "reset-console/simulator-state/v1";

/** Where the challenge URL points unless RESET_HOST says otherwise. */
export const DEFAULT_RESET_HOST = "reset.example.com";
/** The Device table has no firmware column; the virtual recorder reports this unless told. */
export const DEFAULT_FIRMWARE = "4.1.7";

/** QR rendering: medium error correction, the standard 4-module quiet zone, big enough for a phone. */
export const QR_ERROR_CORRECTION = "M" as const;
export const QR_QUIET_ZONE_MODULES = 4;
export const QR_SIZE_PX = 384;

/** The clock control accepts whole hours either way (the recorder allows far more; tests need days). */
export const MAX_CLOCK_OFFSET_HOURS = 24 * 366;
export const HOUR_MS = 60 * 60 * 1000;

/** At most this many registered devices are offered in the picker (a demo/test tool, not a registry). */
export const MAX_LISTED_DEVICES = 200;
