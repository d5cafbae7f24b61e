#include "query/DataExport.h"

#include "connection/Connector.h"
#include "engines/Dialect.h"
#include "engines/EngineBackend.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

#include <cmath>

namespace loam {

namespace {

bool isNumericType(QMetaType type)
{
    switch (type.id()) {
    case QMetaType::Int: case QMetaType::UInt: case QMetaType::LongLong: case QMetaType::ULongLong:
    case QMetaType::Short: case QMetaType::UShort: case QMetaType::Double: case QMetaType::Float:
    case QMetaType::Long: case QMetaType::ULong:
        return true;
    default:
        return false;
    }
}

bool isJsonNumberText(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"));
    return re.match(text).hasMatch();
}

// The text of a non-null value, as both formats write it (before quoting).
QString plainText(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double: case QMetaType::Float: {
        const double d = value.toDouble();
        return std::isfinite(d) ? QString::number(d, 'g', QLocale::FloatingPointShortest) : value.toString();
    }
    case QMetaType::QByteArray:
        return QString::fromLatin1(value.toByteArray().toBase64());
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QTime:
        return value.toTime().toString(Qt::ISODateWithMs);
    default:
        return value.toString();
    }
}

QByteArray jsonString(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out.append(u'"');
    for (const QChar c : s) {
        switch (c.unicode()) {
        case u'"': out.append(QStringLiteral("\\\"")); break;
        case u'\\': out.append(QStringLiteral("\\\\")); break;
        case u'\n': out.append(QStringLiteral("\\n")); break;
        case u'\r': out.append(QStringLiteral("\\r")); break;
        case u'\t': out.append(QStringLiteral("\\t")); break;
        default:
            if (c.unicode() < 0x20)
                out.append(QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0')));
            else
                out.append(c);
        }
    }
    out.append(u'"');
    return out.toUtf8();
}

class CsvWriter final : public ExportWriter {
public:
    explicit CsvWriter(QIODevice *device) : m_device(device) {}
    bool begin(const QList<QueryColumn> &columns) override
    {
        QByteArray line;
        for (int i = 0; i < columns.size(); ++i) {
            if (i)
                line.append(',');
            line.append(csvField(columns.at(i).name));
        }
        line.append("\r\n");
        return m_device->write(line) == line.size();
    }
    bool writeRow(const QueryRow &row) override
    {
        QByteArray line;
        for (int i = 0; i < row.size(); ++i) {
            if (i)
                line.append(',');
            line.append(csvField(row.at(i)));
        }
        line.append("\r\n");
        return m_device->write(line) == line.size();
    }
    bool finish() override { return true; }

private:
    QIODevice *m_device;
};

class JsonWriter final : public ExportWriter {
public:
    explicit JsonWriter(QIODevice *device) : m_device(device) {}
    bool begin(const QList<QueryColumn> &columns) override
    {
        m_columns = columns;
        m_keys.clear();
        for (const QueryColumn &c : columns)
            m_keys.append(jsonString(c.name) + ": ");
        return m_device->write("[") == 1;
    }
    bool writeRow(const QueryRow &row) override
    {
        QByteArray line = m_first ? "\n  {" : ",\n  {";
        m_first = false;
        for (int i = 0; i < row.size() && i < m_keys.size(); ++i) {
            if (i)
                line.append(", ");
            line.append(m_keys.at(i));
            line.append(jsonValue(row.at(i), m_columns.at(i).type));
        }
        line.append('}');
        return m_device->write(line) == line.size();
    }
    bool finish() override
    {
        const QByteArray tail = m_first ? "]\n" : "\n]\n";
        return m_device->write(tail) == tail.size();
    }

private:
    QIODevice *m_device;
    QList<QueryColumn> m_columns;
    QList<QByteArray> m_keys;
    bool m_first = true;
};

}  // namespace

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"csv")
        return ExportFormat::Csv;
    if (n == u"json")
        return ExportFormat::Json;
    return std::nullopt;
}

QString exportFormatSuffix(ExportFormat format)
{
    return format == ExportFormat::Csv ? QStringLiteral("csv") : QStringLiteral("json");
}

std::unique_ptr<ExportWriter> ExportWriter::create(ExportFormat format, QIODevice *device)
{
    if (format == ExportFormat::Csv)
        return std::make_unique<CsvWriter>(device);
    return std::make_unique<JsonWriter>(device);
}

QByteArray csvField(const QVariant &value)
{
    if (value.isNull())
        return {};
    const QString text = plainText(value);
    const bool quote = text.isEmpty() || text.contains(u',') || text.contains(u'"') || text.contains(u'\n')
                       || text.contains(u'\r') || text.front().isSpace() || text.back().isSpace();
    if (!quote)
        return text.toUtf8();
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return '"' + quoted.toUtf8() + '"';
}

QByteArray jsonValue(const QVariant &value, QMetaType declared)
{
    if (value.isNull())
        return QByteArrayLiteral("null");
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QMetaType::Double: case QMetaType::Float: {
        const double d = value.toDouble();
        if (!std::isfinite(d))   // JSON has no NaN or Infinity
            return jsonString(value.toString());
        return plainText(value).toUtf8();
    }
    default:
        break;
    }
    if (isNumericType(value.metaType()))
        return value.toString().toUtf8();
    const QString text = plainText(value);
    // Exact decimals arrive as text from a numeric column; they stay numbers.
    if (value.typeId() == QMetaType::QString && isNumericType(declared) && isJsonNumberText(text))
        return text.toUtf8();
    return jsonString(text);
}

QString tableExportQuery(Engine engine, const QString &table)
{
    return QStringLiteral("SELECT * FROM %1").arg(Dialect::forEngine(engine).quoteIdentifier(table));
}

namespace {

Error queryError(const QSqlQuery &query)
{
    const QSqlError e = query.lastError();
    return Error(e.databaseText().isEmpty() ? e.text() : e.databaseText().trimmed(), exportc::Query);
}

// Two columns of one name ("SELECT 1 AS x, 2 AS x", a join of two ids) would collide as JSON
// keys and repeat in the CSV header: the second becomes x_2 (x_3, ... when taken).
void makeNamesDistinct(QList<QueryColumn> &columns)
{
    QSet<QString> taken;
    for (const QueryColumn &c : columns)
        taken.insert(c.name);
    QSet<QString> seen;
    for (QueryColumn &c : columns) {
        if (!seen.contains(c.name)) {
            seen.insert(c.name);
            continue;
        }
        QString name;
        for (int k = 2;; ++k) {
            name = QStringLiteral("%1_%2").arg(c.name).arg(k);
            if (!taken.contains(name))
                break;
        }
        taken.insert(name);
        seen.insert(name);
        c.name = name;
    }
}

// Streams result sets into one writer: the header with the first, then every row, with progress
// and cancel. Used for one query, or for the chunks of a table read by primary key.
class ExportStream {
public:
    ExportStream(ExportFormat format, QIODevice *device, const std::function<void(qint64)> &progress,
                 const std::atomic_bool *cancel)
        : m_device(device), m_owned(ExportWriter::create(format, device)), m_writer(m_owned.get()), m_progress(progress), m_cancel(cancel)
    {
    }
    ExportStream(ExportWriter &sink, const std::function<void(qint64)> &progress, const std::atomic_bool *cancel)
        : m_device(nullptr), m_writer(&sink), m_progress(progress), m_cancel(cancel)
    {
    }

    // Writes the rows of an executed query; lastRow (optional) receives the final row read.
    Status write(QSqlQuery &query, QueryRow *lastRow = nullptr)
    {
        if (!query.isSelect())
            return Error(QStringLiteral("the statement returned no rows to export"), exportc::Query);
        if (!m_begun) {
            const QSqlRecord record = query.record();
            // Names as the engine reports them where its Qt driver alters them (each backend
            // answers only for its own driver's queries).
            QStringList exact;
            for (const EngineBackend *b : EngineBackend::all())
                if (exact.isEmpty())
                    exact = b->resultColumnNames(query);
            QList<QueryColumn> columns;
            for (int c = 0; c < record.count(); ++c)
                columns.append({exact.size() == record.count() ? exact[c] : record.fieldName(c), record.field(c).metaType()});
            makeNamesDistinct(columns);
            m_columns = int(columns.size());
            if (!m_writer->begin(columns))
                return outputError();
            m_begun = true;
        }
        QueryRow row;
        while (query.next()) {
            if (m_cancel && m_cancel->load())
                return Error(QStringLiteral("export cancelled after %1 rows").arg(m_rows), exportc::Cancelled);
            row.clear();
            for (int c = 0; c < m_columns; ++c)
                row.append(query.value(c));
            if (!m_writer->writeRow(row))
                return outputError();
            ++m_rows;
            if (m_progress && m_rows % 500 == 0)
                m_progress(m_rows);
        }
        if (query.lastError().isValid())
            return queryError(query);
        if (lastRow)
            *lastRow = row;
        return success();
    }

    Status finish()
    {
        if (!m_writer->finish())
            return outputError();
        if (m_progress)
            m_progress(m_rows);
        return success();
    }

    qint64 rows() const { return m_rows; }

private:
    Error outputError() const
    {
        if (!m_device)
            return Error(m_writer->error(), exportc::Output);
        return Error(QStringLiteral("cannot write the export: %1").arg(m_device->errorString()), exportc::Output);
    }

    QIODevice *m_device;
    std::unique_ptr<ExportWriter> m_owned;
    ExportWriter *m_writer;
    std::function<void(qint64)> m_progress;
    const std::atomic_bool *m_cancel;
    bool m_begun = false;
    int m_columns = 0;
    qint64 m_rows = 0;
};

QSqlQuery forwardQuery(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.setNumericalPrecisionPolicy(QSql::HighPrecision);   // exact decimals stay exact
    return query;
}

}  // namespace

Result<ExportSummary> exportQuery(QSqlDatabase db, const QString &sql, ExportFormat format, QIODevice *device,
                                  const std::function<void(qint64 rows)> &progress, const std::atomic_bool *cancel)
{
    QElapsedTimer timer;
    timer.start();
    QSqlQuery query = forwardQuery(db);
    if (!query.exec(sql))
        return queryError(query);
    ExportStream stream(format, device, progress, cancel);
    if (Status s = stream.write(query); !s)
        return s.error();
    if (Status s = stream.finish(); !s)
        return s.error();
    return ExportSummary{stream.rows(), timer.elapsed()};
}

Result<ExportSummary> exportQuery(const ConnectionSpec &spec, const QString &sql, ExportFormat format, QIODevice *device,
                                  const std::function<void(qint64 rows)> &progress, const std::atomic_bool *cancel)
{
    ScopedConnection connection(spec);
    if (!connection.ok())
        return Error(connection.error().message, exportc::Connection);
    return exportQuery(connection.database(), sql, format, device, progress, cancel);
}

Result<ExportSummary> exportTable(const ConnectionSpec &spec, const QString &table, const QStringList &keyColumns,
                                  ExportFormat format, QIODevice *device, const std::function<void(qint64 rows)> &progress,
                                  const std::atomic_bool *cancel, int chunkRows)
{
    ScopedConnection connection(spec);
    if (!connection.ok())
        return Error(connection.error().message, exportc::Connection);
    return exportTable(connection.database(), spec.engine, table, keyColumns, format, device, progress, cancel, chunkRows);
}

namespace {

// The rows of table into stream: one SELECT, or keyset chunks of chunkRows by keyColumns.
Result<ExportSummary> readTable(QSqlDatabase db, Engine engine, const QString &table, const QStringList &keyColumns,
                                ExportStream &stream, int chunkRows)
{
    const Dialect &dialect = Dialect::forEngine(engine);
    QElapsedTimer timer;
    timer.start();
    if (chunkRows == 0)
        chunkRows = dialect.driverBuffersResults() ? 20000 : -1;
    if (keyColumns.isEmpty() || chunkRows < 0) {
        QSqlQuery query = forwardQuery(db);
        if (!query.exec(tableExportQuery(engine, table)))
            return queryError(query);
        if (Status s = stream.write(query); !s)
            return s.error();
        if (Status s = stream.finish(); !s)
            return s.error();
        return ExportSummary{stream.rows(), timer.elapsed()};
    }

    // Keyset chunks: WHERE (k1, k2) > (last k1, last k2) ORDER BY k1, k2 LIMIT n. Each chunk is a
    // short query, so a driver that buffers results holds one chunk at a time.
    const QString quotedTable = dialect.quoteIdentifier(table);
    const QString keys = dialect.quoteList(keyColumns);
    QStringList marks;
    for (qsizetype i = 0; i < keyColumns.size(); ++i)
        marks << QStringLiteral("?");
    const QString after = keyColumns.size() == 1 ? QStringLiteral("%1 > ?").arg(keys)
                                                 : QStringLiteral("(%1) > (%2)").arg(keys, marks.join(QStringLiteral(", ")));
    const QString first = QStringLiteral("SELECT * FROM %1 ORDER BY %2 LIMIT %3").arg(quotedTable, keys).arg(chunkRows);
    const QString next = QStringLiteral("SELECT * FROM %1 WHERE %2 ORDER BY %3 LIMIT %4").arg(quotedTable, after, keys).arg(chunkRows);

    QList<int> keyIndexes;
    QueryRow last;
    for (bool firstChunk = true;; firstChunk = false) {
        QSqlQuery query = forwardQuery(db);
        if (!query.prepare(firstChunk ? first : next))
            return queryError(query);
        for (int i : std::as_const(keyIndexes))
            query.addBindValue(last.value(i));
        if (!query.exec())
            return queryError(query);
        if (firstChunk) {
            const QSqlRecord record = query.record();
            for (const QString &k : keyColumns) {
                const int i = record.indexOf(k);
                if (i < 0)
                    return Error(QStringLiteral("key column %1 is not in %2").arg(k, table), exportc::Query);
                keyIndexes << i;
            }
        }
        const qint64 before = stream.rows();
        QueryRow lastRow;
        if (Status s = stream.write(query, &lastRow); !s)
            return s.error();
        if (stream.rows() - before < chunkRows)
            break;
        last = lastRow;
    }
    if (Status s = stream.finish(); !s)
        return s.error();
    return ExportSummary{stream.rows(), timer.elapsed()};
}

}  // namespace

Result<ExportSummary> exportTable(QSqlDatabase db, Engine engine, const QString &table, const QStringList &keyColumns,
                                  ExportFormat format, QIODevice *device, const std::function<void(qint64 rows)> &progress,
                                  const std::atomic_bool *cancel, int chunkRows)
{
    ExportStream stream(format, device, progress, cancel);
    return readTable(db, engine, table, keyColumns, stream, chunkRows);
}

Result<ExportSummary> streamTable(QSqlDatabase db, Engine engine, const QString &table, const QStringList &keyColumns,
                                  ExportWriter &sink, const std::function<void(qint64 rows)> &progress,
                                  const std::atomic_bool *cancel, int chunkRows)
{
    ExportStream stream(sink, progress, cancel);
    return readTable(db, engine, table, keyColumns, stream, chunkRows);
}

}  // namespace loam
