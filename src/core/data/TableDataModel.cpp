#include "data/TableDataModel.h"

#include "jobs/SelectJobs.h"
#include "jobs/SqlWorker.h"
#include "engines/Dialect.h"
#include "data/CellFormat.h"

#include <QTimer>
#include <algorithm>

namespace loam {

namespace {

constexpr int kMaxQueuedPages = 8;
constexpr int kFirstPaintGraceMs = 60;   // time a view gets to paint the first page before the count grows

bool sameCell(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() && b.isNull();
    return a == b || a.toString() == b.toString();
}

}  // namespace

TableDataModel::TableDataModel(QObject *parent) : QAbstractTableModel(parent) {}

TableDataModel::~TableDataModel() = default;

void TableDataModel::openTable(const ConnectionSpec &spec, const Schema &schema, const QString &tableName,
                               const QList<ColumnFilter> &filters)
{
    m_schema = schema;
    const Table *t = schema.table(tableName);
    DataView view = t ? DataView::forTable(*t) : DataView{};
    if (!t)
        view.table = tableName;
    view.filters = filters;
    start(spec, view);
}

void TableDataModel::openQuery(const ConnectionSpec &spec, const QString &sql)
{
    m_schema = Schema{};
    m_schema.engine = spec.engine;
    start(spec, DataView::forQuery(sql));
}

const Table *TableDataModel::table() const
{
    return m_view.isQuery() ? nullptr : m_schema.table(m_view.table);
}

QString TableDataModel::readOnlyReason() const
{
    if (m_view.isQuery())
        return QStringLiteral("Query results are read-only.");
    if (!m_serverReadOnly.isEmpty())
        return m_serverReadOnly;
    if (m_view.keyColumns.isEmpty())
        return QStringLiteral("%1 has no primary key, so Loam cannot tell its rows apart safely: read-only.").arg(m_view.table);
    return {};
}

QStringList TableDataModel::columnNames() const
{
    return m_columns;
}

void TableDataModel::start(const ConnectionSpec &spec, const DataView &view)
{
    beginResetModel();
    m_spec = spec;
    m_view = view;
    m_columns = view.isQuery() ? QStringList() : view.columns;
    m_pageWorker = std::make_unique<SqlWorker>(spec, SqlWorker::Order::Lifo, kMaxQueuedPages);
    m_countWorker = std::make_unique<SqlWorker>(spec, SqlWorker::Order::Fifo);
    m_editWorker.reset();
    m_changes.clear();
    m_inserts.clear();
    m_conflictRows.clear();
    m_lastError.clear();
    m_rowCount = 0;
    m_countExact = false;
    newGeneration();
    endResetModel();
    requestCount();
    requestPage(0);
}

void TableDataModel::newGeneration()
{
    ++m_generation;
    m_countFailed = false;
    clearHistory();
    if (m_pageWorker)
        m_pageWorker->setGeneration(m_generation);
    if (m_countWorker)
        m_countWorker->setGeneration(m_generation);
    m_query = std::make_unique<TableQuery>(Dialect::forEngine(m_spec.engine), m_view);
    m_pages.clear();
    m_wanted.clear();
    m_inFlight.clear();
    m_deferredCount.reset();
    m_firstPageClock.invalidate();
}

void TableDataModel::requestCount()
{
    const quint64 gen = m_generation;
    const SqlStatement estimate = m_query->estimate();
    if (!estimate.sql.isEmpty()) {
        m_countWorker->post(gen, [estimate](QSqlDatabase &db) { return selectNumber(db, estimate); }, this,
                            [this, gen](const JobReply<qint64> &r) { onCount(gen, r, false); });
    }
    const SqlStatement exact = m_query->count();
    m_countWorker->post(gen, [exact](QSqlDatabase &db) { return selectNumber(db, exact); }, this,
                        [this, gen](const JobReply<qint64> &r) { onCount(gen, r, true); });
}

void TableDataModel::onCount(quint64 generation, const JobReply<qint64> &reply, bool exact)
{
    if (generation != m_generation) {
        ++m_staleDropped;
        return;
    }
    if (reply.dropped)
        return;
    if (!reply.result) {
        if (exact) {
            m_countFailed = true;
            reportFailure(reply.result.errorMessage());
            emit countChanged(m_rowCount, m_countExact);
        }
        return;
    }
    const qint64 number = *reply.result;
    // An estimate never overrides the exact count, nor shrinks below rows already seen.
    if (number < 0 || (!exact && (m_countExact || number <= m_rowCount)))
        return;
    // A view spends time per row when the count grows (its header keeps per-row state): for millions
    // of rows, let the first page be painted before that happens.
    if (number > 10 * m_pageSize && number > m_rowCount) {
        const bool firstPagePending = !m_pages.contains(0) && (m_inFlight.contains(0) || m_wanted.contains(0));
        const bool firstPageJustShown = m_pages.contains(0) && m_firstPageClock.isValid()
            && m_firstPageClock.elapsed() < kFirstPaintGraceMs;
        if (firstPagePending || firstPageJustShown) {
            if (!m_deferredCount || exact)
                m_deferredCount = {number, exact};
            if (firstPageJustShown)
                scheduleDeferredCount(kFirstPaintGraceMs - int(m_firstPageClock.elapsed()));
            return;
        }
    }
    setRowCount(number, exact);
}

void TableDataModel::reportFailure(const QString &message)
{
    m_lastError = message;
    // The page and the count fail together on a bad WHERE: one message, not two.
    if (m_reportedFailure == m_generation)
        return;
    m_reportedFailure = m_generation;
    emit loadFailed(message);
}

void TableDataModel::scheduleDeferredCount(int delayMs)
{
    const quint64 generation = m_generation;
    QTimer::singleShot(qMax(0, delayMs), this, [this, generation] {
        if (generation != m_generation || !m_deferredCount)
            return;
        const auto [rows, exact] = *std::exchange(m_deferredCount, std::nullopt);
        if (!(m_countExact && !exact) && (exact || rows > m_rowCount))
            setRowCount(rows, exact);
    });
}

void TableDataModel::setRowCount(qint64 rows, bool exact)
{
    const qint64 old = m_rowCount;
    const bool wasExact = m_countExact;
    m_countExact = exact;
    rows = qMin<qint64>(rows, INT_MAX - 1 - m_inserts.size());
    if (rows != old) {
        // Pages placed from an estimated end sit at the wrong rows once the real end is known.
        if (!wasExact) {
            for (auto it = m_pages.begin(); it != m_pages.end();) {
                if (it->fromEnd)
                    it = m_pages.erase(it);
                else
                    ++it;
            }
        }
        if (rows > old) {
            // A page read short for the old count (a reload asks no more rows than were there)
            // ends before the new rows: read it again, or they would stay unfilled.
            for (auto it = m_pages.begin(); it != m_pages.end();) {
                if (it->rows.size() < m_pageSize && it.key() * m_pageSize + it->rows.size() < rows)
                    it = m_pages.erase(it);
                else
                    ++it;
            }
            beginInsertRows({}, int(old), int(rows - 1));
            m_rowCount = rows;
            endInsertRows();
        } else {
            beginRemoveRows({}, int(rows), int(old - 1));
            m_rowCount = rows;
            QMap<int, RowChange> kept;
            for (auto it = m_changes.cbegin(); it != m_changes.cend(); ++it)
                if (it.key() < rows)
                    kept.insert(it.key(), it.value());
            m_changes = kept;
            endRemoveRows();
        }
        if (rows > 0)
            emit dataChanged(index(0, 0), index(int(rows - 1), qMax(0, columnCount() - 1)));
    }
    emit countChanged(m_rowCount, m_countExact);
}

qint64 TableDataModel::rowsInPage(qint64 page) const
{
    if (m_rowCount <= 0)
        return m_pageSize;
    return std::clamp<qint64>(m_rowCount - page * m_pageSize, 0, m_pageSize);
}

void TableDataModel::requestPage(qint64 page) const
{
    if (page < 0 || m_pages.contains(page) || m_inFlight.contains(page))
        return;
    m_wanted.insert(page);
    scheduleFlush();
}

void TableDataModel::scheduleFlush() const
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QTimer::singleShot(0, const_cast<TableDataModel *>(this), &TableDataModel::flush);
}

void TableDataModel::flush()
{
    m_flushScheduled = false;
    if (!m_pageWorker || !m_query)
        return;
    const QSet<qint64> wanted = std::exchange(m_wanted, {});
    QList<qint64> pages(wanted.cbegin(), wanted.cend());
    std::sort(pages.begin(), pages.end());
    const bool keyset = m_query->keysetPaging();
    const bool ordered = !m_view.isQuery() && (!m_view.keyColumns.isEmpty() || !m_view.sort.isEmpty());
    const QList<int> keyPos = m_query->keyPositions();
    auto keyOf = [&keyPos](const QVariantList &row) {
        QVariantList key;
        for (int i : keyPos)
            key << row.value(i);
        return key;
    };
    for (qint64 page : pages) {
        if (m_pages.contains(page) || m_inFlight.contains(page))
            continue;
        const qint64 limit = rowsInPage(page);
        if (limit <= 0 && page > 0)
            continue;
        SqlStatement statement;
        bool reversed = false;
        bool fromEnd = false;
        const Page *prev = m_pages.contains(page - 1) ? &m_pages[page - 1] : nullptr;
        const Page *next = m_pages.contains(page + 1) ? &m_pages[page + 1] : nullptr;
        if (keyset && prev && prev->rows.size() == m_pageSize) {
            statement = m_query->after(keyOf(prev->rows.last()), int(limit));
            fromEnd = prev->fromEnd;
        } else if (keyset && next && !next->rows.isEmpty() && limit == m_pageSize) {
            statement = m_query->before(keyOf(next->rows.first()), int(limit));
            reversed = true;
            fromEnd = next->fromEnd;
        } else if (ordered && m_rowCount > 0 && page * m_pageSize > m_rowCount / 2) {
            const qint64 end = qMin<qint64>(m_rowCount, (page + 1) * m_pageSize);
            statement = m_query->fromEnd(m_rowCount - end, int(limit));
            reversed = true;
            fromEnd = !m_countExact;
        } else {
            statement = m_query->fromStart(page * m_pageSize, int(qMax<qint64>(limit, 1)));
        }
        m_inFlight.insert(page);
        const quint64 gen = m_generation;
        const qint64 countAtRequest = m_rowCount;
        m_pageWorker->post(
            gen, [statement, reversed](QSqlDatabase &db) { return selectRows(db, statement, reversed); }, this,
            [this, gen, page, fromEnd, countAtRequest, limit](const JobReply<RowSet> &r) {
                // Asked for no more rows than the count said then (a reload), and the count has
                // grown since: read the page again with the new count rather than keep it short.
                if (gen == m_generation && r.ok() && !fromEnd && limit < m_pageSize && r.result->rows.size() == limit
                    && page * m_pageSize + limit < m_rowCount) {
                    m_inFlight.remove(page);
                    requestPage(page);
                    return;
                }
                // A page placed from an estimated end is only right for the row count it was asked with.
                if (gen == m_generation && fromEnd && countAtRequest != m_rowCount) {
                    JobReply<RowSet> again;
                    again.dropped = true;
                    onPage(gen, page, false, again);
                    return;
                }
                onPage(gen, page, fromEnd && !m_countExact, r);
            });
    }
}

void TableDataModel::onPage(quint64 generation, qint64 page, bool fromEnd, const JobReply<RowSet> &reply)
{
    if (generation != m_generation) {
        ++m_staleDropped;
        return;
    }
    m_inFlight.remove(page);
    if (reply.dropped) {
        // Superseded by newer requests; ask again if the view still shows these rows.
        const qint64 first = page * m_pageSize;
        if (page == 0 && m_rowCount == 0)
            requestPage(0);
        else if (first < m_rowCount)
            emit dataChanged(index(int(first), 0),
                             index(int(qMin<qint64>(m_rowCount, first + m_pageSize) - 1), qMax(0, columnCount() - 1)));
        return;
    }
    if (!reply.result) {
        m_lastError = reply.result.errorMessage();
        if (page == 0 && m_deferredCount)
            setRowCount(std::exchange(m_deferredCount, std::nullopt)->first, false);
        reportFailure(m_lastError);
        return;
    }
    const RowSet &rows = *reply.result;
    if (m_view.isQuery() && m_columns.isEmpty() && !rows.columns.isEmpty()) {
        beginResetModel();
        m_columns = rows.columns;
        endResetModel();
    }
    Page p;
    p.rows = rows.rows;
    p.lastUse = ++m_tick;
    p.fromEnd = fromEnd;
    m_pages.insert(page, p);
    // Without a count yet, the first page tells how many rows there are at least, or exactly.
    if (page == 0 && !m_countExact) {
        if (rows.rows.size() < m_pageSize)
            setRowCount(rows.rows.size(), true);
        else if (m_rowCount < rows.rows.size())
            setRowCount(rows.rows.size(), false);
    }
    evict();
    if (page == 0) {
        m_firstPageClock.start();
        if (m_deferredCount)
            scheduleDeferredCount(kFirstPaintGraceMs);
    }
    const qint64 first = page * m_pageSize;
    const qint64 last = qMin<qint64>(m_rowCount, first + p.rows.size()) - 1;
    if (last >= first && columnCount() > 0)
        emit dataChanged(index(int(first), 0), index(int(last), columnCount() - 1));
    emit pageArrived(int(first), int(last));
}

void TableDataModel::evict()
{
    while (m_pages.size() > m_maxPages) {
        auto oldest = m_pages.end();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it)
            if (oldest == m_pages.end() || it->lastUse < oldest->lastUse)
                oldest = it;
        m_pages.erase(oldest);
    }
}

const QVariantList *TableDataModel::cachedRow(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const qint64 page = row / m_pageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        requestPage(page);
        return nullptr;
    }
    it->lastUse = ++m_tick;
    const int offset = int(row - page * m_pageSize);
    if (offset >= it->rows.size())
        return nullptr;
    // Keep scrolling smooth: ask for the next page ahead of time.
    if (offset > m_pageSize * 3 / 4 && (page + 1) * m_pageSize < m_rowCount)
        requestPage(page + 1);
    else if (offset < m_pageSize / 4 && page > 0)
        requestPage(page - 1);
    return &it->rows[offset];
}

void TableDataModel::fetchRows(int first, int last)
{
    for (qint64 page = qMax(0, first) / m_pageSize; page <= qint64(qMax(0, last)) / m_pageSize; ++page)
        requestPage(page);
    flush();
}

bool TableDataModel::isRowLoaded(int row) const
{
    const qint64 page = row / m_pageSize;
    auto it = m_pages.constFind(page);
    return it != m_pages.cend() && row - page * m_pageSize < it->rows.size();
}

QVariantList TableDataModel::loadedRow(int row) const
{
    if (!isRowLoaded(row))
        return {};
    const qint64 page = row / m_pageSize;
    return m_pages.value(page).rows.value(int(row - page * m_pageSize));
}

QVariantList TableDataModel::rowValues(int row) const
{
    if (row >= m_rowCount) {
        const int i = int(row - m_rowCount);
        if (i < 0 || i >= m_inserts.size())
            return {};
        QVariantList values;
        for (int c = 0; c < m_columns.size(); ++c)
            values << m_inserts[i].values.value(c);
        return values;
    }
    QVariantList values = loadedRow(row);
    if (const auto it = m_changes.constFind(row); it != m_changes.cend())
        for (auto v = it->values.cbegin(); v != it->values.cend(); ++v)
            if (v.key() < values.size())
                values[v.key()] = v.value();
    return values;
}

int TableDataModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rowCount + m_inserts.size());
}

int TableDataModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant TableDataModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const int row = index.row();
    const int col = index.column();
    RowState state = RowState::Clean;
    QVariant value;
    bool loaded = true;
    bool dirty = false;
    if (row >= m_rowCount) {
        const RowChange &ins = m_inserts.value(int(row - m_rowCount));
        state = RowState::Inserted;
        dirty = ins.values.contains(col);
        value = ins.values.value(col);
    } else {
        const QVariantList *cached = cachedRow(row);
        const auto change = m_changes.constFind(row);
        if (change != m_changes.cend()) {
            state = change->kind == RowChange::Kind::Delete ? RowState::Deleted : RowState::Modified;
            if (change->values.contains(col)) {
                dirty = true;
                value = change->values.value(col);
            } else {
                value = change->original.value(col);
            }
        } else if (cached) {
            value = cached->value(col);
        } else {
            loaded = false;
        }
        if (m_conflictRows.contains(row))
            state = RowState::Conflict;
    }

    switch (role) {
    case Qt::DisplayRole:
        if (!loaded)
            return QStringLiteral("…");
        if (state == RowState::Inserted && !dirty)
            return QString();
        return cellText(value);
    case Qt::EditRole:
    case RawValueRole: return value;
    case Qt::ToolTipRole:
        if (!loaded)
            return QStringLiteral("Loading…");
        return value.isNull() ? QStringLiteral("NULL") : cellText(value, 400);
    case IsNullRole: return loaded && value.isNull() && !(state == RowState::Inserted && !dirty);
    case IsLoadedRole: return loaded;
    case RowStateRole: return int(state);
    case IsDirtyRole: return dirty;
    case Qt::TextAlignmentRole:
        if (value.typeId() == QMetaType::Int || value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Double
            || value.typeId() == QMetaType::UInt || value.typeId() == QMetaType::ULongLong)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant TableDataModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (role == Qt::DisplayRole)
            return m_columns.value(section);
        if (role == Qt::ToolTipRole) {
            if (const Table *t = table())
                if (const Column *c = t->column(m_columns.value(section)))
                    return QStringLiteral("%1 %2%3").arg(c->name, c->type, c->nullable ? QString() : QStringLiteral(" NOT NULL"));
        }
        return {};
    }
    if (role == Qt::DisplayRole)
        return section >= m_rowCount ? QStringLiteral("+") : QString::number(qint64(section) + 1);
    return {};
}

Qt::ItemFlags TableDataModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && isEditable() && !m_applying) {
        const bool deleted = m_changes.value(index.row()).kind == RowChange::Kind::Delete && m_changes.contains(index.row());
        // A generated column's value is the engine's to compute.
        const Column *column = table() ? table()->column(m_columns.value(index.column())) : nullptr;
        if (!deleted && !(column && column->isGenerated()) && (index.row() >= m_rowCount || isRowLoaded(index.row())))
            f |= Qt::ItemIsEditable;
    }
    return f;
}

bool TableDataModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || !isEditable() || m_applying || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const int row = index.row();
    const int col = index.column();
    const bool wasDirty = hasChanges();
    const Staged before{m_changes, m_inserts};
    if (row >= m_rowCount) {
        m_inserts[int(row - m_rowCount)].values.insert(col, value);
    } else {
        auto it = m_changes.find(row);
        if (it == m_changes.end()) {
            if (!isRowLoaded(row))
                return false;
            RowChange change;
            change.original = loadedRow(row);
            it = m_changes.insert(row, change);
        }
        if (it->kind == RowChange::Kind::Delete)
            return false;
        if (sameCell(value, it->original.value(col)) && value.isNull() == it->original.value(col).isNull())
            it->values.remove(col);
        else
            it->values.insert(col, value);
        if (it->values.isEmpty())
            m_changes.erase(it);
    }
    if (before.changes != m_changes || before.inserts != m_inserts)
        remember(before);
    emit dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(columnCount() - 1));
    emit headerDataChanged(Qt::Vertical, row, row);
    if (wasDirty != hasChanges())
        emit dirtyChanged(hasChanges());
    return true;
}

bool TableDataModel::insertRows(int row, int count, const QModelIndex &parent)
{
    Q_UNUSED(row);
    if (parent.isValid() || count <= 0 || !isEditable() || m_applying)
        return false;
    const bool wasDirty = hasChanges();
    remember({m_changes, m_inserts});
    const int first = rowCount();
    beginInsertRows({}, first, first + count - 1);
    for (int i = 0; i < count; ++i) {
        RowChange c;
        c.kind = RowChange::Kind::Insert;
        m_inserts << c;
    }
    endInsertRows();
    if (!wasDirty)
        emit dirtyChanged(true);
    return true;
}

bool TableDataModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || count <= 0 || !isEditable() || m_applying)
        return false;
    const bool wasDirty = hasChanges();
    const Staged before{m_changes, m_inserts};
    for (int r = row + count - 1; r >= row; --r) {
        if (r >= m_rowCount) {
            const int i = int(r - m_rowCount);
            if (i >= m_inserts.size())
                continue;
            beginRemoveRows({}, r, r);
            m_inserts.removeAt(i);
            endRemoveRows();
            continue;
        }
        if (!isRowLoaded(r) && !m_changes.contains(r))
            continue;
        RowChange c;
        c.kind = RowChange::Kind::Delete;
        c.original = m_changes.contains(r) ? m_changes.value(r).original : loadedRow(r);
        m_changes.insert(r, c);
        emit dataChanged(index(r, 0), index(r, columnCount() - 1));
    }
    if (before.changes != m_changes || before.inserts.size() != m_inserts.size())
        remember(before);
    if (wasDirty != hasChanges())
        emit dirtyChanged(hasChanges());
    return true;
}

QList<RowChange> TableDataModel::stagedChanges() const
{
    QList<RowChange> out = m_changes.values();
    out << m_inserts;
    return out;
}

void TableDataModel::revertChanges()
{
    const bool wasDirty = hasChanges();
    if (!m_inserts.isEmpty()) {
        beginRemoveRows({}, int(m_rowCount), int(m_rowCount + m_inserts.size() - 1));
        m_inserts.clear();
        endRemoveRows();
    }
    m_changes.clear();
    m_conflictRows.clear();
    clearHistory();
    if (m_rowCount > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(int(m_rowCount - 1), columnCount() - 1));
    emit headerDataChanged(Qt::Vertical, 0, qMax(0, rowCount() - 1));
    if (wasDirty)
        emit dirtyChanged(false);
}

void TableDataModel::remember(const Staged &before)
{
    m_undo << before;
    m_redo.clear();
    emit historyChanged();
}

void TableDataModel::clearHistory()
{
    if (m_undo.isEmpty() && m_redo.isEmpty())
        return;
    m_undo.clear();
    m_redo.clear();
    emit historyChanged();
}

bool TableDataModel::undo()
{
    if (!canUndo())
        return false;
    m_redo << Staged{m_changes, m_inserts};
    restore(m_undo.takeLast());
    emit historyChanged();
    return true;
}

bool TableDataModel::redo()
{
    if (!canRedo())
        return false;
    m_undo << Staged{m_changes, m_inserts};
    restore(m_redo.takeLast());
    emit historyChanged();
    return true;
}

void TableDataModel::restore(const Staged &state)
{
    const bool wasDirty = hasChanges();
    const int had = int(m_inserts.size());
    const int has = int(state.inserts.size());
    const int base = int(m_rowCount);
    if (has < had) {
        beginRemoveRows({}, base + has, base + had - 1);
        m_inserts = state.inserts;
        endRemoveRows();
    } else if (has > had) {
        beginInsertRows({}, base + had, base + has - 1);
        m_inserts = state.inserts;
        endInsertRows();
    } else {
        m_inserts = state.inserts;
    }
    m_changes.clear();
    for (auto it = state.changes.cbegin(); it != state.changes.cend(); ++it)
        if (it.key() < m_rowCount)
            m_changes.insert(it.key(), it.value());
    m_conflictRows.clear();
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    emit headerDataChanged(Qt::Vertical, 0, qMax(0, rowCount() - 1));
    if (wasDirty != hasChanges())
        emit dirtyChanged(hasChanges());
}

void TableDataModel::applyChanges()
{
    if (!hasChanges() || m_applying || !isEditable())
        return;
    if (!m_editWorker)
        m_editWorker = std::make_unique<SqlWorker>(m_spec, SqlWorker::Order::Fifo);
    const QList<int> rows = m_changes.keys();
    const QList<RowChange> changes = stagedChanges();
    const DataView view = m_view;
    const Engine engine = m_spec.engine;
    m_applying = true;
    emit busyChanged(true);
    m_editWorker->post(
        [view, changes, engine](QSqlDatabase &db) {
            return loam::applyChanges(db, Dialect::forEngine(engine), view, changes);
        },
        this,
        [this, rows](const JobReply<ApplyOutcome> &reply) {
            m_applying = false;
            emit busyChanged(false);
            const Result<ApplyOutcome> &outcome = reply.result;
            if (!outcome) {
                emit applyFailed(outcome.errorMessage());
                return;
            }
            if (!outcome->ok()) {
                m_conflictRows.clear();
                for (int i : outcome->conflicts)
                    if (i < rows.size())
                        m_conflictRows.insert(rows[i]);
                if (m_rowCount > 0)
                    emit dataChanged(index(0, 0), index(int(m_rowCount - 1), columnCount() - 1));
                emit applyConflicts(outcome->conflictMessages);
                return;
            }
            const ApplyOutcome done = *outcome;
            revertChanges();
            refresh();
            emit applied(done);
        });
}

bool TableDataModel::setSortKeys(const QList<SortKey> &sort)
{
    if (hasChanges() || !m_query)
        return false;
    if (sort == m_view.sort)
        return true;
    beginResetModel();
    m_view.sort = sort;
    // The row count does not change with the order: keep it, the view stays the same size.
    newGeneration();
    endResetModel();
    requestPage(0);
    return true;
}

bool TableDataModel::setFilters(const QList<ColumnFilter> &filters, const QString &where)
{
    if (hasChanges() || !m_query)
        return false;
    beginResetModel();
    m_view.filters = filters;
    m_view.where = where.trimmed();
    m_rowCount = 0;
    m_countExact = false;
    m_lastError.clear();
    newGeneration();
    endResetModel();
    requestCount();
    requestPage(0);
    return true;
}

bool TableDataModel::refresh()
{
    if (hasChanges() || !m_query)
        return false;
    newGeneration();
    m_countExact = false;
    m_lastError.clear();
    requestCount();
    requestPage(0);
    if (m_rowCount > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(int(m_rowCount - 1), columnCount() - 1));
    return true;
}

void TableDataModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= m_columns.size()) {
        setSortKeys({});
        return;
    }
    setSortKeys({SortKey{m_columns[column], order == Qt::DescendingOrder}});
}

}  // namespace loam
