// PostgreSQL COPY ... FROM STDIN (text format) on the Qt driver's own libpq connection, so the
// rows go into the transaction the caller opened with QSqlDatabase::transaction().
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QVariantList>

namespace loam {

class PgCopyIn {
public:
    // Whether db is a PostgreSQL connection whose libpq handle Loam can reach.
    static bool available(const QSqlDatabase &db);

    explicit PgCopyIn(QSqlDatabase db);
    ~PgCopyIn();   // aborts a COPY that was begun and neither finished nor aborted
    PgCopyIn(const PgCopyIn &) = delete;
    PgCopyIn &operator=(const PgCopyIn &) = delete;

    // sql is "COPY table (columns) FROM STDIN".
    Status begin(const QString &sql);
    // One row in COPY text format: tab-separated, \N for NULL, backslash escapes.
    void appendRow(const QVariantList &row);
    // Rows already in COPY text format (appendRow's output), sent at once.
    Status send(const QByteArray &block);
    // Sends what is buffered once it is large enough (or always, when force).
    Status flush(bool force = false);
    // Ends the COPY and reads its result: the first error of the data surfaces here.
    Status finish();
    // Ends the COPY with an error, so the server discards its rows.
    void abort(const QString &reason);

    // The text-format field for one value (exposed for tests).
    static void appendField(QByteArray &out, const QVariant &value);

private:
    Status lastError(const QString &what) const;
    void *m_conn = nullptr;   // PGconn*
    QByteArray m_buffer;
    bool m_active = false;
};

}  // namespace loam
