import "next-auth";
import "next-auth/jwt";

// The cookie carries only the server-side session id; everything else is re-read per request.
declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
