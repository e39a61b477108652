import { RecorderButton } from "./recorder-button";
import { RecorderForm } from "./recorder-form";
import { RecorderInput } from "./recorder-input";

/** Asks for the reserved email; the recorder compares it with its own (never shown here). */
export function ForgotScreen() {
  return (
    <>
      <p className="text-sm text-slate-300">Enter the reserved email address of this device to reset the admin password.</p>
      <RecorderForm op="submit-email" className="flex flex-col gap-3">
        {/* Plain text, not type=email: the recorder, not the browser, judges what was typed. */}
        <RecorderInput label="Reserved Email" name="email" inputMode="email" autoComplete="off" spellCheck={false} autoFocus required />
        <div className="flex justify-end gap-2">
          <RecorderButton>OK</RecorderButton>
        </div>
      </RecorderForm>
      <RecorderForm op="return-to-login" className="flex justify-end">
        <RecorderButton look="plain">Cancel</RecorderButton>
      </RecorderForm>
    </>
  );
}
