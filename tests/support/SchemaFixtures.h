// Test support: schema builders and the feature-rich schema that pull and push tests share.
#pragma once

#include "schema/Schema.h"

#include <QStringList>
#include <optional>

namespace loam::test {

inline Column col(const QString &name, const QString &type, bool nullable = true, std::optional<QString> def = std::nullopt,
                  AutoKind autoKind = AutoKind::None, const QString &comment = {})
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    c.defaultValue = std::move(def);
    c.autoKind = autoKind;
    c.comment = comment;
    return c;
}

// A NOT NULL column, the shape most key and data columns of the fixtures take.
inline Column notNullCol(const QString &name, const QString &type, AutoKind autoKind = AutoKind::None)
{
    return col(name, type, false, std::nullopt, autoKind);
}

// varchar(n) as the engine's catalog spells it after a pull.
inline QString varchar(Engine e, int n)
{
    return (e == Engine::PostgreSQL ? QStringLiteral("character varying(%1)") : QStringLiteral("varchar(%1)")).arg(n);
}

// CREATE statements, in each engine's own spelling, for a schema that uses every feature the model
// has: composite keys, self- and cyclic references, enums, checks, partial and expression indexes,
// comments, identities and a view.
inline QStringList richSql(Engine e)
{
    switch (e) {
    case Engine::SQLite:
        return {
            R"(CREATE TABLE departments (
                 id INTEGER PRIMARY KEY AUTOINCREMENT,
                 name varchar(50) NOT NULL,
                 head_id integer,
                 active boolean NOT NULL DEFAULT 1,
                 CONSTRAINT uq_departments_name UNIQUE (name),
                 CONSTRAINT fk_departments_head FOREIGN KEY (head_id) REFERENCES employees (id) ON DELETE SET NULL))",
            R"(CREATE TABLE employees (
                 id INTEGER PRIMARY KEY,
                 department_id integer NOT NULL,
                 manager_id integer REFERENCES employees (id),
                 email varchar(100) NOT NULL UNIQUE,
                 mood text NOT NULL DEFAULT 'ok',
                 salary decimal(10,2) NOT NULL DEFAULT 1000,
                 hired_at timestamp DEFAULT CURRENT_TIMESTAMP,
                 profile json,
                 CONSTRAINT ck_mood CHECK (mood IN ('ok', 'happy', 'sad')),
                 CONSTRAINT ck_salary CHECK (salary >= 0),
                 CONSTRAINT fk_employees_department FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE CASCADE))",
            R"(CREATE TABLE projects (
                 department_id integer NOT NULL REFERENCES departments,
                 code varchar(10) NOT NULL,
                 title varchar(100) NOT NULL DEFAULT 'untitled',
                 CONSTRAINT pk_projects PRIMARY KEY (department_id, code)))",
            R"(CREATE TABLE assignments (
                 id INTEGER PRIMARY KEY,
                 employee_id integer NOT NULL,
                 department_id integer NOT NULL,
                 project_code varchar(10) NOT NULL,
                 hours integer NOT NULL DEFAULT 0,
                 CONSTRAINT uq_assignment UNIQUE (employee_id, department_id, project_code),
                 CONSTRAINT fk_assignments_employee FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE,
                 CONSTRAINT fk_assignments_project FOREIGN KEY (department_id, project_code)
                   REFERENCES projects (department_id, code) ON UPDATE CASCADE))",
            "CREATE INDEX ix_employees_hired ON employees (hired_at)",
            "CREATE INDEX ix_employees_managerless ON employees (department_id) WHERE manager_id IS NULL",
            "CREATE UNIQUE INDEX ix_employees_email_lower ON employees (lower(email))",
            "CREATE VIEW employee_emails AS SELECT id, email FROM employees",
        };
    case Engine::MySQL:
        return {
            R"(CREATE TABLE departments (
                 id int NOT NULL AUTO_INCREMENT,
                 name varchar(50) NOT NULL,
                 head_id int,
                 active boolean NOT NULL DEFAULT true,
                 PRIMARY KEY (id),
                 CONSTRAINT uq_departments_name UNIQUE (name)) COMMENT 'Company departments')",
            R"(CREATE TABLE employees (
                 id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
                 department_id int NOT NULL,
                 manager_id int,
                 email varchar(100) NOT NULL UNIQUE COMMENT 'Work address',
                 mood enum('ok','happy','sad') NOT NULL DEFAULT 'ok',
                 salary decimal(10,2) NOT NULL DEFAULT 1000,
                 hired_at datetime DEFAULT CURRENT_TIMESTAMP,
                 profile json,
                 CONSTRAINT ck_salary CHECK (salary >= 0),
                 CONSTRAINT fk_employees_department FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE CASCADE,
                 FOREIGN KEY (manager_id) REFERENCES employees (id)))",
            R"(CREATE TABLE projects (
                 department_id int NOT NULL,
                 code varchar(10) NOT NULL,
                 title varchar(100) NOT NULL DEFAULT 'untitled',
                 PRIMARY KEY (department_id, code),
                 CONSTRAINT fk_projects_department FOREIGN KEY (department_id) REFERENCES departments (id)))",
            R"(CREATE TABLE assignments (
                 id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
                 employee_id int NOT NULL,
                 department_id int NOT NULL,
                 project_code varchar(10) NOT NULL,
                 hours int NOT NULL DEFAULT 0,
                 CONSTRAINT uq_assignment UNIQUE (employee_id, department_id, project_code),
                 CONSTRAINT fk_assignments_employee FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE,
                 CONSTRAINT fk_assignments_project FOREIGN KEY (department_id, project_code)
                   REFERENCES projects (department_id, code) ON UPDATE CASCADE))",
            "ALTER TABLE departments ADD CONSTRAINT fk_departments_head FOREIGN KEY (head_id) REFERENCES employees (id) ON DELETE SET NULL",
            "CREATE INDEX ix_employees_hired ON employees (hired_at)",
            "CREATE VIEW employee_emails AS SELECT id, email FROM employees",
        };
    case Engine::PostgreSQL:
        return {
            "CREATE TYPE mood AS ENUM ('ok', 'happy', 'sad')",
            R"(CREATE TABLE departments (
                 id serial PRIMARY KEY,
                 name varchar(50) NOT NULL,
                 head_id integer,
                 active boolean NOT NULL DEFAULT true,
                 CONSTRAINT uq_departments_name UNIQUE (name)))",
            "COMMENT ON TABLE departments IS 'Company departments'",
            R"(CREATE TABLE employees (
                 id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                 department_id integer NOT NULL,
                 manager_id integer REFERENCES employees (id),
                 email varchar(100) NOT NULL UNIQUE,
                 mood mood NOT NULL DEFAULT 'ok',
                 salary numeric(10,2) NOT NULL DEFAULT 1000,
                 hired_at timestamp DEFAULT CURRENT_TIMESTAMP,
                 profile json,
                 CONSTRAINT ck_salary CHECK (salary >= 0),
                 CONSTRAINT fk_employees_department FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE CASCADE))",
            "COMMENT ON COLUMN employees.email IS 'Work address'",
            R"(CREATE TABLE projects (
                 department_id integer NOT NULL,
                 code varchar(10) NOT NULL,
                 title varchar(100) NOT NULL DEFAULT 'untitled',
                 CONSTRAINT pk_projects PRIMARY KEY (department_id, code),
                 CONSTRAINT fk_projects_department FOREIGN KEY (department_id) REFERENCES departments (id)))",
            R"(CREATE TABLE assignments (
                 id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                 employee_id integer NOT NULL,
                 department_id integer NOT NULL,
                 project_code varchar(10) NOT NULL,
                 hours integer NOT NULL DEFAULT 0,
                 CONSTRAINT uq_assignment UNIQUE (employee_id, department_id, project_code),
                 CONSTRAINT fk_assignments_employee FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE,
                 CONSTRAINT fk_assignments_project FOREIGN KEY (department_id, project_code)
                   REFERENCES projects (department_id, code) ON UPDATE CASCADE))",
            "ALTER TABLE departments ADD CONSTRAINT fk_departments_head FOREIGN KEY (head_id) REFERENCES employees (id) ON DELETE SET NULL",
            "CREATE INDEX ix_employees_hired ON employees (hired_at)",
            "CREATE INDEX ix_employees_managerless ON employees (department_id) WHERE manager_id IS NULL",
            "CREATE UNIQUE INDEX ix_employees_email_lower ON employees (lower(email))",
            "CREATE VIEW employee_emails AS SELECT id, email FROM employees",
        };
    }
    return {};
}

}  // namespace loam::test
