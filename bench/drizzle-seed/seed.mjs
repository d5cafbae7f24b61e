// drizzle-seed on the Drizzle tutorial's schema: the reference that bench/seed_bench.cpp compares
// Loam's seeder with. The tables must exist and be empty (seed_bench creates them).
//   node seed.mjs --engine sqlite|mysql|postgresql --url URL --users N [--seed S]
// Prints one JSON line: {"engine", "users", "rows", "ms"}.
import { seed } from "drizzle-seed";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, word, i, all) => (word.startsWith("--") ? [...pairs, [word.slice(2), all[i + 1]]] : pairs), []),
);
const engine = args.engine;
const users = Number(args.users ?? 1000);
const seedNumber = Number(args.seed ?? 1);

async function tutorial() {
  if (engine === "mysql") {
    const t = await import("drizzle-orm/mysql-core");
    const users = t.mysqlTable("users", {
      id: t.int("id").autoincrement().primaryKey(),
      createdAt: t.datetime("created_at").notNull(),
      username: t.varchar("username", { length: 20 }).notNull().unique(),
      dateOfBirth: t.date("date_of_birth").notNull(),
    });
    const userProfiles = t.mysqlTable("user_profiles", {
      id: t.int("id").autoincrement().primaryKey(),
      userId: t.int("user_id").notNull().unique().references(() => users.id),
      firstName: t.varchar("first_name", { length: 30 }).notNull(),
      lastName: t.varchar("last_name", { length: 30 }).notNull(),
      title: t.varchar("title", { length: 30 }).notNull(),
    });
    const sessions = t.mysqlTable("sessions", {
      id: t.int("id").autoincrement().primaryKey(),
      userId: t.int("user_id").notNull().references(() => users.id),
      createdAt: t.datetime("created_at").notNull(),
      duration: t.int("duration").notNull(),
    });
    const levels = t.mysqlTable("levels", {
      id: t.int("id").autoincrement().primaryKey(),
      name: t.varchar("name", { length: 50 }).notNull(),
      difficulty: t.int("difficulty").notNull(),
    });
    const scores = t.mysqlTable("scores", {
      id: t.int("id").autoincrement().primaryKey(),
      sessionId: t.int("session_id").notNull().references(() => sessions.id),
      levelId: t.int("level_id").notNull().references(() => levels.id),
      createdAt: t.datetime("created_at").notNull(),
      score: t.int("score").notNull(),
      timeTaken: t.int("time_taken").notNull(),
      accuracy: t.float("accuracy").notNull(),
    });
    const { drizzle } = await import("drizzle-orm/mysql2");
    const mysql = (await import("mysql2/promise")).default;
    const connection = await mysql.createConnection(args.url);
    return { db: drizzle(connection), schema: { users, userProfiles, sessions, levels, scores }, close: () => connection.end() };
  }
  if (engine === "postgresql") {
    const t = await import("drizzle-orm/pg-core");
    const users = t.pgTable("users", {
      id: t.serial("id").primaryKey(),
      createdAt: t.timestamp("created_at").notNull(),
      username: t.varchar("username", { length: 20 }).notNull().unique(),
      dateOfBirth: t.date("date_of_birth").notNull(),
    });
    const userProfiles = t.pgTable("user_profiles", {
      id: t.serial("id").primaryKey(),
      userId: t.integer("user_id").notNull().unique().references(() => users.id),
      firstName: t.varchar("first_name", { length: 30 }).notNull(),
      lastName: t.varchar("last_name", { length: 30 }).notNull(),
      title: t.varchar("title", { length: 30 }).notNull(),
    });
    const sessions = t.pgTable("sessions", {
      id: t.serial("id").primaryKey(),
      userId: t.integer("user_id").notNull().references(() => users.id),
      createdAt: t.timestamp("created_at").notNull(),
      duration: t.integer("duration").notNull(),
    });
    const levels = t.pgTable("levels", {
      id: t.serial("id").primaryKey(),
      name: t.varchar("name", { length: 50 }).notNull(),
      difficulty: t.integer("difficulty").notNull(),
    });
    const scores = t.pgTable("scores", {
      id: t.serial("id").primaryKey(),
      sessionId: t.integer("session_id").notNull().references(() => sessions.id),
      levelId: t.integer("level_id").notNull().references(() => levels.id),
      createdAt: t.timestamp("created_at").notNull(),
      score: t.integer("score").notNull(),
      timeTaken: t.integer("time_taken").notNull(),
      accuracy: t.real("accuracy").notNull(),
    });
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: args.url });
    await client.connect();
    return { db: drizzle(client), schema: { users, userProfiles, sessions, levels, scores }, close: () => client.end() };
  }
  const t = await import("drizzle-orm/sqlite-core");
  const users = t.sqliteTable("users", {
    id: t.integer("id").primaryKey({ autoIncrement: true }),
    createdAt: t.integer("created_at", { mode: "timestamp" }).notNull(),
    username: t.text("username", { length: 20 }).notNull().unique(),
    dateOfBirth: t.text("date_of_birth").notNull(),
  });
  const userProfiles = t.sqliteTable("user_profiles", {
    id: t.integer("id").primaryKey({ autoIncrement: true }),
    userId: t.integer("user_id").notNull().unique().references(() => users.id),
    firstName: t.text("first_name", { length: 30 }).notNull(),
    lastName: t.text("last_name", { length: 30 }).notNull(),
    title: t.text("title", { length: 30 }).notNull(),
  });
  const sessions = t.sqliteTable("sessions", {
    id: t.integer("id").primaryKey({ autoIncrement: true }),
    userId: t.integer("user_id").notNull().references(() => users.id),
    createdAt: t.integer("created_at", { mode: "timestamp" }).notNull(),
    duration: t.integer("duration").notNull(),
  });
  const levels = t.sqliteTable("levels", {
    id: t.integer("id").primaryKey({ autoIncrement: true }),
    name: t.text("name", { length: 50 }).notNull(),
    difficulty: t.integer("difficulty").notNull(),
  });
  const scores = t.sqliteTable("scores", {
    id: t.integer("id").primaryKey({ autoIncrement: true }),
    sessionId: t.integer("session_id").notNull().references(() => sessions.id),
    levelId: t.integer("level_id").notNull().references(() => levels.id),
    createdAt: t.integer("created_at", { mode: "timestamp" }).notNull(),
    score: t.integer("score").notNull(),
    timeTaken: t.integer("time_taken").notNull(),
    accuracy: t.real("accuracy").notNull(),
  });
  const { drizzle } = await import("drizzle-orm/better-sqlite3");
  const Database = (await import("better-sqlite3")).default;
  const sqlite = new Database(args.url);
  sqlite.pragma("foreign_keys = ON");
  return { db: drizzle(sqlite), schema: { users, userProfiles, sessions, levels, scores }, close: () => sqlite.close() };
}

const { db, schema, close } = await tutorial();
const started = performance.now();
await seed(db, schema, { seed: seedNumber }).refine((f) => ({
  users: { count: users, with: { userProfiles: 1, sessions: 5 } },
  sessions: { with: { scores: 5 }, columns: { duration: f.int({ minValue: 1, maxValue: 10800 }) } },
  levels: { count: 5, columns: { difficulty: f.int({ minValue: 1, maxValue: 5 }) } },
}));
const ms = performance.now() - started;
await close();
console.log(JSON.stringify({ engine, users, rows: 32 * users + 5, ms: Math.round(ms) }));
