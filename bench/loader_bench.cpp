// Loader benchmark: times Loam's node loader (drizzle.config.ts + schema files -> Schema) on a
// generated 50-table Drizzle project against `drizzle-kit export` of the same project, in the
// same run, and prints the ratio. Both start node, transpile the TypeScript and evaluate the
// schema with drizzle-orm; drizzle-kit then also writes the SQL.
//
//   loader_bench --node-project DIR [--tables 50] [--runs 5] [--dialect postgresql|mysql|sqlite]
// DIR is a folder whose node_modules holds drizzle-orm and drizzle-kit (scripts/bench-loader.sh
// installs tests/drizzle-kit's pinned packages there). The project is generated inside it.
#include "drizzle/DrizzleProject.h"
#include "drizzle/NodeLoader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>

using namespace loam;

namespace {

QTextStream out(stdout);
QTextStream err(stderr);

bool write(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) >= 0;
}

struct Dialect {
    QString name, core, table, id, integer, text, time;
};

Dialect dialectFor(const QString &name)
{
    if (name == u"mysql")
        return {name, QStringLiteral("mysql-core"), QStringLiteral("mysqlTable"), QStringLiteral("int('id').primaryKey().autoincrement()"),
                QStringLiteral("int"), QStringLiteral("varchar('%1', { length: 120 })"), QStringLiteral("timestamp('%1').notNull().defaultNow()")};
    if (name == u"sqlite")
        return {name, QStringLiteral("sqlite-core"), QStringLiteral("sqliteTable"), QStringLiteral("integer('id').primaryKey({ autoIncrement: true })"),
                QStringLiteral("integer"), QStringLiteral("text('%1')"), QStringLiteral("integer('%1', { mode: 'timestamp' }).notNull()")};
    return {QStringLiteral("postgresql"), QStringLiteral("pg-core"), QStringLiteral("pgTable"), QStringLiteral("serial('id').primaryKey()"),
            QStringLiteral("integer"), QStringLiteral("varchar('%1', { length: 120 })"), QStringLiteral("timestamp('%1').notNull().defaultNow()")};
}

// A project shaped like real ones: shared column helpers spread into every table, ten tables per
// file in a folder named by a glob, foreign keys to earlier tables, an index each, and relations.
bool generate(const QString &dir, const Dialect &d, int tables)
{
    const QString imports = QStringLiteral("import { %1, %2, serial, varchar, text, timestamp, index } from 'drizzle-orm/%3';\n")
                                .arg(d.table, d.integer, d.core);
    QString helpers = imports;
    helpers += QStringLiteral("export const timestamps = { createdAt: %1, get updatedAt() { return %2; } };\n")
                   .arg(d.time.arg(QStringLiteral("created_at")), d.time.arg(QStringLiteral("updated_at")));
    helpers += QStringLiteral("export const label = (name: string) => %1.notNull();\n").arg(QString(d.text).replace(QStringLiteral("'%1'"), QStringLiteral("name")));
    if (!write(dir + QStringLiteral("/src/db/helpers.ts"), helpers))
        return false;
    QString relations = QStringLiteral("import { relations } from 'drizzle-orm';\n");
    const int perFile = 10;
    for (int f = 0; f * perFile < tables; ++f) {
        QString src = imports + QStringLiteral("import { label, timestamps } from '../helpers';\n");
        for (int i = 0; i < f * perFile && i < tables; ++i)
            if (i % perFile == 0)
                src += QStringLiteral("import * as m%1 from './part%1';\n").arg(i / perFile);
        for (int i = f * perFile; i < std::min(tables, (f + 1) * perFile); ++i) {
            const int parent = i > 0 ? (i * 7) % i : -1;
            auto ref = [&](int t) {
                return t / perFile == f ? QStringLiteral("t%1").arg(t) : QStringLiteral("m%1.t%2").arg(t / perFile).arg(t);
            };
            src += QStringLiteral("export const t%1 = %2('table_%1', {\n  id: %3,\n  name: label('name'),\n  notes: %4,\n  rank: %5('rank').notNull().default(0),\n")
                       .arg(i)
                       .arg(d.table, d.id, QString(d.text).arg(QStringLiteral("notes")), d.integer);
            if (parent >= 0)
                src += QStringLiteral("  parentId: %1('parent_id').references(() => %2.id),\n").arg(d.integer, ref(parent));
            src += QStringLiteral("  ...timestamps,\n}, (t) => [index('table_%1_name_idx').on(t.name)]);\n").arg(i);
            if (parent >= 0) {
                relations += QStringLiteral("import { t%1 as r%1 } from './part%2';\n").arg(i).arg(i / perFile);
                if (!relations.contains(QStringLiteral("as r%1 ").arg(parent)))
                    relations += QStringLiteral("import { t%1 as r%1 } from './part%2';\n").arg(parent).arg(parent / perFile);
            }
        }
        if (!write(dir + QStringLiteral("/src/db/schema/part%1.ts").arg(f), src))
            return false;
    }
    for (int i = 1; i < tables; ++i) {
        const int parent = (i * 7) % i;
        relations += QStringLiteral("export const r%1Relations = relations(r%1, ({ one }) => ({ parent: one(r%2, { fields: [r%1.parentId], references: [r%2.id] }) }));\n")
                         .arg(i)
                         .arg(parent);
    }
    if (!write(dir + QStringLiteral("/src/db/schema/relations.ts"), relations))
        return false;
    return write(dir + QStringLiteral("/drizzle.config.ts"),
                 QStringLiteral("import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: '%1', schema: './src/db/schema/*.ts', "
                                "out: './drizzle' });\n")
                     .arg(d.name));
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption projectOption(QStringLiteral("node-project"), QStringLiteral("folder with node_modules"), QStringLiteral("DIR"));
    const QCommandLineOption tablesOption(QStringLiteral("tables"), QStringLiteral("tables"), QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("runs of each"), QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption dialectOption(QStringLiteral("dialect"), QStringLiteral("postgresql, mysql or sqlite"), QStringLiteral("NAME"),
                                           QStringLiteral("postgresql"));
    parser.addOptions({projectOption, tablesOption, runsOption, dialectOption});
    parser.process(app);
    const QString nodeProject = QDir(parser.value(projectOption)).absolutePath();
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString kit = nodeProject + QStringLiteral("/node_modules/drizzle-kit/bin.cjs");
    if (node.isEmpty() || !QFileInfo::exists(kit)) {
        err << "loader_bench: needs node and drizzle-kit in " << nodeProject << "/node_modules (see scripts/bench-loader.sh)" << Qt::endl;
        return 2;
    }
    const int tables = parser.value(tablesOption).toInt();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const Dialect d = dialectFor(parser.value(dialectOption));

    QTemporaryDir work(nodeProject + QStringLiteral("/bench-XXXXXX"));
    const QString dir = work.filePath(QStringLiteral("project"));
    if (!work.isValid() || !generate(dir, d, tables)) {
        err << "loader_bench: cannot write the project under " << nodeProject << Qt::endl;
        return 2;
    }
    const QString config = dir + QStringLiteral("/drizzle.config.ts");

    QList<double> loaderMs, withConfigMs, kitMs;
    int readTables = 0;
    const auto project = readDrizzleConfig(config);
    if (!project) {
        err << "loader_bench: " << project.errorMessage() << Qt::endl;
        return 1;
    }
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        // One loader run: the config evaluated, the schema files imported and walked, the JSON read.
        const auto imported = importDrizzleProject(*project);
        loaderMs << t.nsecsElapsed() / 1e6;
        // What `loam push --schema drizzle.config.ts` does: the config first (for the URL), then the schema.
        t.restart();
        const auto again = readDrizzleConfig(config);
        if (again)
            importDrizzleProject(*again);
        withConfigMs << t.nsecsElapsed() / 1e6;
        if (!imported) {
            err << "loader_bench: the loader failed: " << imported.errorMessage() << Qt::endl;
            return 1;
        }
        readTables = int(imported->schema.tables.size());

        QProcess p;
        p.setWorkingDirectory(dir);
        t.restart();
        p.start(node, {kit, QStringLiteral("export"), QStringLiteral("--config=drizzle.config.ts")});
        p.waitForFinished(120000);
        kitMs << t.nsecsElapsed() / 1e6;
        const QByteArray sql = p.readAllStandardOutput();
        if (p.exitCode() != 0 || !sql.contains("CREATE TABLE")) {
            err << "loader_bench: drizzle-kit export failed: " << p.readAllStandardError() << sql.left(2000) << Qt::endl;
            return 1;
        }
    }
    if (readTables != tables) {
        err << "loader_bench: the loader read " << readTables << " tables of " << tables << Qt::endl;
        return 1;
    }
    const double loader = median(loaderMs), withConfig = median(withConfigMs), exported = median(kitMs);
    out << "| dialect | tables | runs | Loam node loader, median ms | + config read first (CLI), median ms | drizzle-kit export, median ms | loader / export |\n"
        << "|---|---|---|---|---|---|---|\n"
        << "| " << d.name << " | " << tables << " | " << runs << " | " << QString::number(loader, 'f', 0) << " | "
        << QString::number(withConfig, 'f', 0) << " | " << QString::number(exported, 'f', 0) << " | "
        << QString::number(loader / exported, 'f', 2) << " |\n";
    out.flush();
    return 0;
}
