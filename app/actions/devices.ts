"use server";

import { stepUpFor } from "@/lib/auth/step-up";
import { changeDeviceOwner } from "@/lib/devices/change-device-owner";
import { createDevice } from "@/lib/devices/create-device";
import { setDeviceStatus } from "@/lib/devices/set-device-status";
import { serverAction } from "@/lib/http/server-action";
import { changeDeviceOwnerSchema, createDeviceSchema, setDeviceStatusSchema } from "@/lib/validation/devices";

const devicePath = (serial: string) => `/admin/devices/${serial}`;

export const createDeviceAction = serverAction({
  name: "action:createDevice",
  role: "ADMIN",
  schema: createDeviceSchema,
  run: async (input, { db, actor }) => {
    const device = await createDevice({ db, actor, ip: actor.ip, ...input });
    return { message: `Device ${device.serial} registered.`, revalidate: ["/admin/devices"] };
  },
});

/** Re-activating a blocked or stolen recorder asks for a recent second factor: setDeviceStatus checks it. */
export const setDeviceStatusAction = serverAction({
  name: "action:setDeviceStatus",
  role: "ADMIN",
  schema: setDeviceStatusSchema,
  run: async ({ stepUpCode, ...input }, { db, actor, user }) => {
    await setDeviceStatus({ db, actor, ip: actor.ip, ...input, stepUp: stepUpFor(user, stepUpCode) });
    return { message: `Status changed to ${input.status.toLowerCase()}.`, revalidate: [devicePath(input.serial)] };
  },
});

export const changeDeviceOwnerAction = serverAction({
  name: "action:changeDeviceOwner",
  role: "ADMIN",
  schema: changeDeviceOwnerSchema,
  run: async ({ stepUpCode, ...input }, { db, actor, user }) => {
    await changeDeviceOwner({ db, actor, ip: actor.ip, ...input, stepUp: stepUpFor(user, stepUpCode) });
    return { message: "Owner of record changed; the previous owner will be notified by email.", revalidate: [devicePath(input.serial)] };
  },
});
