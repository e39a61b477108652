import type { DeviceStatus, Role } from "@/lib/generated/prisma/enums";

/**
 * Demo accounts: documented in the README, created only in demo mode. Each has a known TOTP seed
 * (printed by `npm run demo`; type it into an authenticator app, or `npm run demo:totp`), so a
 * walk-through needs no enrolment. Never used outside demo mode.
 */
export const DEMO_USERS: { email: string; name: string; role: Role; password: string; totpSecret: string }[] = [
  { email: "agent@demo.test", name: "Alex Agent", role: "AGENT", password: "demo-agent-2026", totpSecret: "DEMOAGENTDEMOAGENTDEMOAGENTDEMOA" },
  { email: "agent2@demo.test", name: "Bea Agent", role: "AGENT", password: "demo-agent2-2026", totpSecret: "DEMOBEAAGENTDEMOBEAAGENTDEMOBEAA" },
  {
    email: "supervisor@demo.test",
    name: "Sam Supervisor",
    role: "SUPERVISOR",
    password: "demo-supervisor-2026",
    totpSecret: "DEMOSUPERVISORDEMOSUPERVISORDEMO",
  },
  { email: "admin@demo.test", name: "Ada Admin", role: "ADMIN", password: "demo-admin-2026", totpSecret: "DEMOADMINDEMOADMINDEMOADMINDEMOA" },
];

export type DemoDevice = { serial: string; model: string; mac: string; status: DeviceStatus; ownerEmail: string; ownerName: string };

/** Registered recorders the virtual recorder can play, with their owners of record. */
export const DEMO_DEVICES: DemoDevice[] = [
  { serial: "NVR8-2411-000123", model: "NVR-8016", mac: "A1B2C3D4E5F6", status: "ACTIVE", ownerEmail: "owner@example.com", ownerName: "Olivia Owner" },
  { serial: "DVR4-2502-004711", model: "DVR-4104", mac: "001122AABBCC", status: "ACTIVE", ownerEmail: "kim.lee@example.org", ownerName: "Kim Lee" },
  {
    serial: "NVR16-2309-000042",
    model: "NVR-16P",
    mac: "3C4D5E6F7A8B",
    status: "ACTIVE",
    ownerEmail: "shop@corner-store.example",
    ownerName: "Corner Store Ltd",
  },
  { serial: "NVR8-2401-000777", model: "NVR-8016", mac: "0A0B0C0D0E0F", status: "BLOCKED", ownerEmail: "blocked@example.com", ownerName: "Blocked Account" },
  { serial: "DVR8-2312-000666", model: "DVR-8108", mac: "FEDCBA987654", status: "STOLEN", ownerEmail: "victim@example.net", ownerName: "Theft Report" },
];
