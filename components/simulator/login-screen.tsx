import { RecorderButton } from "./recorder-button";
import { RecorderForm } from "./recorder-form";
import { RecorderInput } from "./recorder-input";

/** The recorder's login dialog. The admin password is the one the owner forgot (or the new one). */
export function LoginScreen() {
  return (
    <>
      <RecorderForm op="log-in" className="flex flex-col gap-3">
        <RecorderInput label="User Name" name="user" defaultValue="admin" readOnly />
        <RecorderInput label="Password" name="password" type="password" autoComplete="off" autoFocus required />
        <div className="flex justify-end">
          <RecorderButton>Login</RecorderButton>
        </div>
      </RecorderForm>
      <RecorderForm op="forgot-password" className="flex justify-end">
        <RecorderButton look="link">Forgot Password</RecorderButton>
      </RecorderForm>
    </>
  );
}
