-- Loam demo database: the schema of the Drizzle tutorial's serious-game example (SQLite).
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at DATETIME NOT NULL,
  username VARCHAR(20) NOT NULL UNIQUE,
  date_of_birth DATE NOT NULL
);
CREATE TABLE user_profiles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  first_name VARCHAR(30) NOT NULL,
  last_name VARCHAR(30) NOT NULL,
  title VARCHAR(30) NOT NULL
);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at DATETIME NOT NULL,
  duration INTEGER NOT NULL CHECK (duration > 0)
);
CREATE TABLE levels (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(50) NOT NULL,
  difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 5)
);
CREATE TABLE scores (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  level_id INTEGER NOT NULL REFERENCES levels(id),
  created_at DATETIME NOT NULL,
  score INTEGER NOT NULL,
  time_taken INTEGER NOT NULL,
  accuracy FLOAT NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions(user_id);
CREATE INDEX scores_session_id_idx ON scores(session_id);
CREATE INDEX scores_level_id_idx ON scores(level_id);
