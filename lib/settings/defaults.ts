/** Console settings with their defaults; admins change them on /admin/settings (stored in Setting). */
export const DEFAULT_SETTINGS = {
  /** A challenge is issuable for this long after the console first saw it. */
  challengeLifetimeHours: 24,
  /** Recorder clock tolerance before a ticket needs review. */
  clockAheadToleranceMinutes: 15,
  clockBehindToleranceHours: 24,
  /** Velocity limits: beyond these, a ticket needs a supervisor. */
  maxIssuesPerDevice30d: 3,
  maxIssuesPerRequesterPerDay: 2,
  maxIssuesPerAgentPerHour: 20,
  /** Resends of the same code, per ticket per hour. */
  maxResendsPerTicketPerHour: 3,
  /** Customer photos kept with tickets are deleted this many days after upload (the scheduler's evidence.purge job). */
  evidenceRetentionDays: 90,
  /** A second factor (TOTP or passkey) is always required of supervisors and admins; this makes agents need one too. */
  mfaRequiredForAgents: false,
  /** Email branding. */
  brandName: "SecureView Recorders",
  senderName: "SecureView Support",
  senderEmail: "support@recorders.example",
  supportUrl: "https://support.recorders.example",
  /** Single sign-on: email domains whose people may sign in through the IdP without an invitation (comma-separated; empty: invited users only). */
  ssoAllowedDomains: "",
};

export type Settings = typeof DEFAULT_SETTINGS;
