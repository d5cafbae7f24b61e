// Reading DATABASE_URL from a project's .env / .env.local files.
#pragma once

#include <QMap>
#include <QString>
#include <optional>

namespace loam {

// Parses dotenv text: KEY=value, export KEY=value, quotes ('..', "..", `..`), # comments,
// ${VAR} expansion from earlier keys. Unparseable lines are ignored.
QMap<QString, QString> parseDotEnv(const QByteArray &text);

struct DotEnvUrl {
    QString url;
    QString file;   // the file it came from
};
// Looks in folder/.env.local, then folder/.env (the first that defines DATABASE_URL wins).
std::optional<DotEnvUrl> findDatabaseUrl(const QString &folder, const QString &key = QStringLiteral("DATABASE_URL"));

}  // namespace loam
