import pg from "pg";
import { TEST_PG_ADMIN_URL } from "./databases";

/** One statement on the test server's admin connection (create/drop databases). */
export async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
