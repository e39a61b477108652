import { PASSWORD_FORBIDDEN_CHARACTERS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/reset-protocol/client";
import { RecorderButton } from "./recorder-button";
import { RecorderForm } from "./recorder-form";
import { RecorderInput } from "./recorder-input";

const RULE = `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters with letters and digits; none of ${PASSWORD_FORBIDDEN_CHARACTERS.join(" ")}`;

/** After a correct code: the new admin password, twice. The recorder checks the rules. */
export function NewPasswordScreen() {
  return (
    <RecorderForm op="set-password" className="flex flex-col gap-3">
      <RecorderInput label="New Password" name="password" type="password" autoComplete="new-password" hint={RULE} autoFocus required />
      <RecorderInput label="Confirm Password" name="confirmation" type="password" autoComplete="new-password" required />
      <div className="flex justify-end">
        <RecorderButton>OK</RecorderButton>
      </div>
    </RecorderForm>
  );
}
