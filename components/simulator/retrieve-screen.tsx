/* eslint-disable @next/next/no-img-element -- a data: URL rendered on the server; next/image adds nothing here */
import { CODE_VALIDITY_MS } from "@/lib/reset-protocol/client";
import { HOUR_MS } from "@/lib/simulator/constants";
import type { SimulatorView } from "@/lib/simulator/types";
import { CodeEntry } from "./code-entry";
import { RecorderButton } from "./recorder-button";
import { RecorderForm } from "./recorder-form";

/** The QR code of the challenge and the Security Code box. Leaving this screen discards the nonce. */
export function RetrieveScreen({ view }: { view: SimulatorView }) {
  return (
    <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
      {view.qrDataUrl && view.qrSizePx ? (
        <figure className="shrink-0 self-center bg-white p-0 lg:self-start">
          <img
            src={view.qrDataUrl}
            width={view.qrSizePx}
            height={view.qrSizePx}
            alt="QR code of this recorder's password reset request. Scan it and send it to technical support."
            className="block [image-rendering:pixelated]"
            data-testid="reset-qr"
          />
        </figure>
      ) : null}
      <div className="flex min-w-0 flex-1 flex-col gap-3">
        <p className="text-sm text-slate-300">
          Scan the QR code with a phone and send the link or a photo to technical support. Support emails a security code to the reserved email address. Enter
          it below within {CODE_VALIDITY_MS / HOUR_MS} hours. Do not leave this screen: leaving or restarting cancels the request.
        </p>
        <CodeEntry key={view.renderedAtMs} lockedUntilMs={view.lockedUntilMs} renderedAtMs={view.renderedAtMs} />
        <div className="flex justify-end gap-2">
          <RecorderForm op="leave-retrieve">
            <input type="hidden" name="to" value="forgot" />
            <RecorderButton look="plain">Back</RecorderButton>
          </RecorderForm>
          <RecorderForm op="leave-retrieve">
            <input type="hidden" name="to" value="login" />
            <RecorderButton look="plain">Cancel</RecorderButton>
          </RecorderForm>
        </div>
      </div>
    </div>
  );
}
