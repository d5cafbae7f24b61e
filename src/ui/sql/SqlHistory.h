// SqlHistory: the statements run in the SQL editor, newest first, kept per connection in QSettings
// (keyed by the connection's URL without its password).
#pragma once

#include "connection/ConnectionSpec.h"

#include <QStringList>

namespace loam {

class SqlHistory {
public:
    explicit SqlHistory(const ConnectionSpec &spec);
    static constexpr int maxEntries = 200;

    QStringList entries() const;      // newest first
    void add(const QString &sql);     // moves an existing identical entry to the front
    void clear();
    QString settingsKey() const { return m_key; }

private:
    QString m_key;
};

}  // namespace loam
