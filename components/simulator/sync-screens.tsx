import { RecorderButton } from "./recorder-button";
import { RecorderForm } from "./recorder-form";

/** "Sync the new password to the cameras?" — yes or no. */
export function SyncPromptScreen() {
  return (
    <>
      <p className="text-base text-slate-100">Sync the new password to the cameras?</p>
      <div className="flex justify-end gap-2">
        <RecorderForm op="answer-sync">
          <input type="hidden" name="sync" value="yes" />
          <RecorderButton autoFocus>Yes</RecorderButton>
        </RecorderForm>
        <RecorderForm op="answer-sync">
          <input type="hidden" name="sync" value="no" />
          <RecorderButton look="plain">No</RecorderButton>
        </RecorderForm>
      </div>
    </>
  );
}

/** The end of the reset: back to the login screen to try the new password. */
export function DoneScreen() {
  return (
    <RecorderForm op="return-to-login" className="flex justify-end">
      <RecorderButton autoFocus>OK</RecorderButton>
    </RecorderForm>
  );
}
