/** Audit actions in plain words, for timelines and the log. Unknown actions show as recorded. */
const ACTION_WORDS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_out": "Signed out",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_throttled": "Sign-in throttled",
  "auth.reauth_failed": "Re-authentication failed",
  "auth.denied": "Was refused access",
  "ticket.created": "Opened the ticket",
  "ticket.checked": "Ran the checks",
  "ticket.decided": "Checks decided",
  "ticket.closed": "Closed the ticket",
  "ticket.note_added": "Added a note",
  "code.issued": "Issued a reset code",
  "code.resent": "Resent the reset code",
  "email.sent": "Reset email delivered",
  "email.failed": "Reset email failed",
  "review.approved": "Approved after review (four eyes)",
  "review.refused": "Refused after review (four eyes)",
  "audit.chain_verified": "Verified the audit chain",
  "audit.anchor_exported": "Exported an audit anchor",
  "export.tickets": "Exported tickets (CSV)",
  "export.audit": "Exported the audit log (CSV)",
  "user.invited": "Invited a user",
  "user.invitation_accepted": "Accepted an invitation",
  "user.invitation_rejected": "Invitation link refused",
  "user.invitation_resent": "Resent an invitation",
  "user.throttle_cleared": "Cleared a sign-in lock",
  "user.activated": "Enabled a user",
  "user.deactivated": "Disabled a user",
  "user.role_changed": "Changed a user's role",
  "device.status_changed": "Changed the device's status",
  "device.owner_changed": "Changed the device's owner",
};

export function describeAction(action: string): string {
  return ACTION_WORDS[action] ?? action.replaceAll("_", " ").replace(".", ": ");
}
