#include "ui/seed/SeedModels.h"

#include "seed/Generators.h"

#include <QColor>
#include <QFont>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

namespace loam {

namespace {

QString rangeText(const CountRange &r)
{
    return r.min == r.max ? QString::number(r.min) : QStringLiteral("%1-%2").arg(r.min).arg(r.max);
}

QString display(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    if (v.metaType().id() == QMetaType::Double)
        return QString::number(v.toDouble(), 'g', 8);
    QString s = v.toString();
    if (s.size() > 40)
        s = s.left(39) + QChar(0x2026);
    return s;
}

QStringList childTables(const Schema &schema, const QString &parent)
{
    QStringList out;
    for (const Table &t : schema.tables) {
        if (t.name == parent)
            continue;
        for (const ForeignKey &fk : t.foreignKeys)
            if (fk.refTable == parent && !out.contains(t.name))
                out << t.name;
    }
    return out;
}

}  // namespace

QString childCountText(const ChildCount &count)
{
    if (count.ranges.size() == 1)
        return rangeText(count.ranges.first());
    QStringList parts;
    for (const CountRange &r : count.ranges)
        parts << QStringLiteral("%1: %2").arg(r.weight).arg(rangeText(r));
    return parts.join(QStringLiteral(", "));
}

std::optional<ChildCount> parseChildCount(const QString &text)
{
    static const QRegularExpression range(QStringLiteral("^\\s*(\\d+)\\s*(?:-\\s*(\\d+))?\\s*$"));
    static const QRegularExpression weighted(QStringLiteral("^\\s*([0-9.]+)\\s*:\\s*(\\d+)\\s*(?:-\\s*(\\d+))?\\s*$"));
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parts.size() == 1) {
        const auto m = range.match(parts.first());
        if (m.hasMatch()) {
            const int lo = m.captured(1).toInt();
            const int hi = m.captured(2).isEmpty() ? lo : m.captured(2).toInt();
            if (hi < lo)
                return std::nullopt;
            return ChildCount{{CountRange{1.0, lo, hi}}};
        }
    }
    ChildCount out;
    double total = 0;
    for (const QString &p : parts) {
        const auto m = weighted.match(p);
        if (!m.hasMatch())
            return std::nullopt;
        CountRange r{m.captured(1).toDouble(), m.captured(2).toInt(), 0};
        r.max = m.captured(3).isEmpty() ? r.min : m.captured(3).toInt();
        if (r.weight <= 0 || r.max < r.min)
            return std::nullopt;
        total += r.weight;
        out.ranges << r;
    }
    if (out.ranges.isEmpty() || qAbs(total - 1.0) > 1e-6)
        return std::nullopt;
    return out;
}

// ---- SeedTablesModel ----

SeedTablesModel::SeedTablesModel(SeedDraft *draft, QObject *parent) : QAbstractTableModel(parent), m_draft(draft) {}

int SeedTablesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_draft->schema.tables.size());
}

int SeedTablesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SeedTablesModel::tableAt(int row) const
{
    return row >= 0 && row < m_draft->schema.tables.size() ? m_draft->schema.tables[row].name : QString();
}

QVariant SeedTablesModel::data(const QModelIndex &index, int role) const
{
    const QString table = tableAt(index.row());
    if (table.isEmpty())
        return {};
    const TableSeed seed = m_draft->config.tables.value(table);
    // A table sized by its parent's `with` shows that instead of a count.
    QString drivenBy;
    for (auto it = m_draft->config.tables.begin(); it != m_draft->config.tables.end(); ++it)
        if (it->with.contains(table))
            drivenBy = it.key();
    const qint64 planned = [&]() -> qint64 {
        if (!m_draft->plan)
            return -1;
        const int ti = m_draft->plan->indexOf(table);
        return ti < 0 ? -1 : m_draft->plan->tables()[ti].count;
    }();
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case NameColumn: return table;
        case CountColumn:
            if (!drivenBy.isEmpty())
                return role == Qt::EditRole ? QVariant() : QVariant(tr("per %1").arg(drivenBy));
            if (seed.count)
                return qlonglong(*seed.count);
            return role == Qt::EditRole ? QVariant() : QVariant(tr("%1 (default)").arg(m_draft->config.defaultCount));
        case WithColumn: {
            QStringList parts;
            for (auto it = seed.with.begin(); it != seed.with.end(); ++it)
                parts << QStringLiteral("%1 × %2").arg(it.key(), childCountText(*it));
            return parts.join(QStringLiteral(", "));
        }
        case PlannedColumn: return planned < 0 ? QStringLiteral("–") : QLocale().toString(planned);
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == CountColumn || index.column() == PlannedColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == CountColumn)
        return drivenBy.isEmpty() ? tr("Rows to insert; leave empty for the default count")
                                  : tr("Sized by %1's “with” (edit it on %1)").arg(drivenBy);
    return {};
}

QVariant SeedTablesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {"Table", "Count", "With (per row)", "Rows"};
    return QString::fromLatin1(names[section]);
}

Qt::ItemFlags SeedTablesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == CountColumn) {
        bool driven = false;
        for (const TableSeed &t : m_draft->config.tables)
            driven = driven || t.with.contains(tableAt(index.row()));
        if (!driven)
            f |= Qt::ItemIsEditable;
    }
    return f;
}

bool SeedTablesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != CountColumn)
        return false;
    const QString table = tableAt(index.row());
    const QString text = value.toString().trimmed();
    if (text.isEmpty()) {
        m_draft->config.tables[table].count.reset();
    } else {
        bool ok = false;
        const qint64 n = QLocale().toLongLong(text, &ok);
        const qint64 plain = ok ? n : text.toLongLong(&ok);
        if (!ok || plain < 0)
            return false;
        m_draft->config.tables[table].count = plain;
    }
    emit dataChanged(index, index);
    emit configEdited();
    return true;
}

void SeedTablesModel::refresh()
{
    if (rowCount() > 0)
        emit dataChanged(this->index(0, 0), this->index(rowCount() - 1, ColumnCount - 1));
}

// ---- SeedWithModel ----

SeedWithModel::SeedWithModel(SeedDraft *draft, QObject *parent) : QAbstractTableModel(parent), m_draft(draft) {}

void SeedWithModel::setParentTable(const QString &table)
{
    beginResetModel();
    m_parent = table;
    m_children = childTables(m_draft->schema, table);
    endResetModel();
}

int SeedWithModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_children.size());
}

int SeedWithModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant SeedWithModel::data(const QModelIndex &index, int role) const
{
    const QString child = m_children.value(index.row());
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    if (index.column() == 0)
        return child;
    const auto with = m_draft->config.tables.value(m_parent).with;
    if (!with.contains(child))
        return role == Qt::EditRole ? QString() : QStringLiteral("—");
    return childCountText(with.value(child));
}

QVariant SeedWithModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Child table") : tr("Rows per %1 row").arg(m_parent.isEmpty() ? QStringLiteral("parent") : m_parent);
}

Qt::ItemFlags SeedWithModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == 1)
        f |= Qt::ItemIsEditable;
    return f;
}

bool SeedWithModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != 1)
        return false;
    const QString child = m_children.value(index.row());
    const QString text = value.toString().trimmed();
    auto &with = m_draft->config.tables[m_parent].with;
    if (text.isEmpty() || text == u"—") {
        with.remove(child);
    } else {
        const std::optional<ChildCount> count = parseChildCount(text);
        if (!count) {
            emit editRejected(tr("“%1” is not a count: write 5, 1-3, or weighted ranges such as 0.7: 1-2, 0.3: 5").arg(text));
            return false;
        }
        // A table follows one parent's `with` at a time.
        for (auto it = m_draft->config.tables.begin(); it != m_draft->config.tables.end(); ++it)
            if (it.key() != m_parent)
                it->with.remove(child);
        with.insert(child, *count);
        m_draft->config.tables[child].count.reset();
    }
    emit dataChanged(index, index);
    emit configEdited();
    return true;
}

// ---- SeedColumnsModel ----

SeedColumnsModel::SeedColumnsModel(SeedDraft *draft, QObject *parent) : QAbstractTableModel(parent), m_draft(draft) {}

void SeedColumnsModel::setTable(const QString &table)
{
    beginResetModel();
    m_table = table;
    endResetModel();
    refresh();
}

QString SeedColumnsModel::plannedGenerator(int row) const
{
    const int ti = m_draft->plan ? m_draft->plan->indexOf(m_table) : -1;
    return ti < 0 ? QString() : m_draft->plan->tables()[ti].generators.value(row);
}

QString SeedColumnsModel::columnAt(int row) const
{
    const Table *t = m_draft->schema.table(m_table);
    return t && row >= 0 && row < t->columns.size() ? t->columns[row].name : QString();
}

void SeedColumnsModel::refresh()
{
    m_samples.clear();
    const Table *t = m_draft->schema.table(m_table);
    if (t) {
        m_samples.resize(t->columns.size());
        const int ti = m_draft->plan ? m_draft->plan->indexOf(m_table) : -1;
        if (ti >= 0) {
            const auto &info = m_draft->plan->tables()[ti];
            for (qint64 r = 0; r < qMin<qint64>(3, info.count); ++r) {
                const QVariantList row = m_draft->plan->row(ti, r);
                for (int c = 0; c < row.size() && c < t->columns.size(); ++c)
                    m_samples[c] << display(row[c]);
            }
        }
    }
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int SeedColumnsModel::rowCount(const QModelIndex &parent) const
{
    const Table *t = m_draft->schema.table(m_table);
    return parent.isValid() || !t ? 0 : int(t->columns.size());
}

int SeedColumnsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SeedColumnsModel::data(const QModelIndex &index, int role) const
{
    const Table *t = m_draft->schema.table(m_table);
    if (!t || index.row() >= t->columns.size())
        return {};
    const loam::Column &c = t->columns[index.row()];
    const ColumnSeed seed = m_draft->config.tables.value(m_table).columns.value(c.name);
    bool isKey = false;
    for (const ForeignKey &fk : t->foreignKeys)
        isKey = isKey || fk.columns.contains(c.name);
    const QString used = plannedGenerator(index.row());   // what the plan chose, "" while it cannot plan
    const QString effective = seed.generator.isEmpty() ? used : seed.generator;
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case NameColumn: return c.name;
        case TypeColumn: return c.type + (c.nullable ? QString() : tr(" not null"));
        case GeneratorColumn:
            if (!seed.generator.isEmpty())
                return seed.generator;
            if (role == Qt::EditRole)
                return QString();
            if (isKey)
                return used.isEmpty() ? tr("foreign key") : tr("foreign key %1").arg(used);
            return used.isEmpty() ? QStringLiteral("automatic") : tr("automatic: %1").arg(used);
        case OptionsColumn:
            if (!seed.options.isEmpty())
                return QString::fromUtf8(QJsonDocument(seed.options).toJson(QJsonDocument::Compact));
            // An empty cell shows the syntax it takes, greyed, until the user types.
            if (role == Qt::EditRole || isKey || effective.isEmpty() || effective == u"intPrimaryKey")
                return QString();   // keys 1..N take no options
            return generatorOptionsSyntax(effective);
        case SamplesColumn: return m_samples.value(index.row()).join(QStringLiteral("  ·  "));
        }
    }
    if (role == Qt::ToolTipRole && index.column() == GeneratorColumn)
        return tr("Pick a generator, or leave “automatic” to let Loam choose from the column's name and type");
    if (role == Qt::ToolTipRole && index.column() == OptionsColumn)
        return effective.isEmpty() || isKey
                   ? tr("Generator options as a JSON object, e.g. {\"min\": 1, \"max\": 5} or {\"values\": [\"a\", \"b\"]}")
                   : tr("Options of %1, as a JSON object: %2").arg(effective, generatorOptionsSyntax(effective));
    if (role == Qt::ForegroundRole && index.column() == OptionsColumn && seed.options.isEmpty())
        return QColor(Qt::gray);
    if (role == Qt::FontRole && index.column() == OptionsColumn && seed.options.isEmpty()) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    if (role == Qt::ForegroundRole && index.column() == GeneratorColumn && seed.generator.isEmpty())
        return QColor(Qt::darkGray);
    return {};
}

QVariant SeedColumnsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = {"Column", "Type", "Generator", "Options", "Sample values"};
    return QString::fromLatin1(names[section]);
}

Qt::ItemFlags SeedColumnsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == GeneratorColumn || index.column() == OptionsColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool SeedColumnsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole)
        return false;
    const QString column = columnAt(index.row());
    if (column.isEmpty())
        return false;
    auto &columns = m_draft->config.tables[m_table].columns;
    ColumnSeed seed = columns.value(column);
    if (index.column() == GeneratorColumn) {
        const QString name = value.toString().trimmed();
        seed.generator = name == u"automatic" ? QString() : name;
    } else if (index.column() == OptionsColumn) {
        const QString text = value.toString().trimmed();
        if (text.isEmpty()) {
            seed.options = {};
        } else {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
            if (!doc.isObject()) {
                emit editRejected(QStringLiteral("%1.%2: options must be a JSON object such as {\"min\": 1, \"max\": 5}").arg(m_table, column));
                return false;
            }
            seed.options = doc.object();
        }
    } else {
        return false;
    }
    if (seed == ColumnSeed{})
        columns.remove(column);
    else
        columns.insert(column, seed);
    emit dataChanged(index, index);
    emit configEdited();
    return true;
}

// ---- SeedRowsModel ----

void SeedRowsModel::setRows(const QStringList &headers, const QList<QVariantList> &rows)
{
    beginResetModel();
    m_headers = headers;
    m_rows = rows;
    endResetModel();
}

int SeedRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SeedRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant SeedRowsModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DisplayRole)
        return display(m_rows.value(index.row()).value(index.column()));
    if (role == Qt::ForegroundRole && m_rows.value(index.row()).value(index.column()).isNull())
        return QColor(Qt::gray);
    return {};
}

void SeedRowsModel::setGenerators(const QStringList &generators)
{
    m_generators = generators;
    if (!m_headers.isEmpty())
        emit headerDataChanged(Qt::Horizontal, 0, int(m_headers.size()) - 1);
}

QVariant SeedRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && !m_generators.value(section).isEmpty())
        return tr("%1 is made by the %2 generator").arg(m_headers.value(section), m_generators.value(section));
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    // The column, and under it the generator that made its values: the "why" of every value.
    const QString g = m_generators.value(section);
    return g.isEmpty() ? m_headers.value(section) : m_headers.value(section) + QLatin1Char('\n') + g;
}

}  // namespace loam
