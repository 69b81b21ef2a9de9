import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes SQL migrations into db/migrations (committed). The app and the tests apply
// them at start-up (db/client.ts); never point drizzle-kit at the PGlite directory the app has open.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
