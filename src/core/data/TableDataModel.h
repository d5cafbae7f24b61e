// TableDataModel: a lazy, windowed table model over a database table or a read-only SELECT (QtCore only;
// how cells look is the view's business, see ui/grid/DataGridView.h).
//
// How to use it (also for query results, e.g. the SQL editor):
//
//     auto *model = new TableDataModel(parent);
//     model->openTable(spec, schema, "users");      // editable when the table has a primary key
//     // or: model->openQuery(spec, "SELECT ...");  // read-only, paged as a subquery with LIMIT/OFFSET
//     auto *grid = new DataGridView(parent);         // ui/grid: paints NULLs, BLOBs, dirty cells
//     grid->setModel(model);                         // (any QTableView works too)
//
// The model holds only pages of pageSize() rows around what the view asks for; at most
// maxPages() pages stay in memory, the least recently used are evicted. data() for a row that is
// not loaded returns a placeholder ("…", IsLoadedRole false) and asks a loader thread, which has
// its own connection opened from the ConnectionSpec, for the page; when it arrives, dataChanged is
// emitted. Every SQL statement runs off the GUI thread. rowCount() starts from the catalog's
// estimate where there is one (countExact() false) and is corrected when the exact COUNT(*) made
// in the background arrives (countChanged). Sorting (sort(), header clicks) and filters run on the
// server; each change starts a new generation and results of older ones are dropped.
//
// Query mode: columns appear when the first page arrives (modelReset). In MariaDB an ORDER BY
// inside the query is only kept when the query also has a LIMIT, since it is paged as a subquery.
//
// Editing (table mode with a primary key): setData stages a change, insertRows appends new rows
// after the last one, removeRows marks rows deleted; nothing touches the database until
// applyChanges(), which writes everything in one transaction guarded against rows changed by
// someone else since they were loaded (see core/data/EditSet.h), or revertChanges().
#pragma once

#include "connection/ConnectionSpec.h"
#include "data/EditSet.h"
#include "data/TableQuery.h"
#include "schema/Schema.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <memory>
#include <optional>

namespace loam {

class SqlWorker;
struct RowSet;
template <class T>
struct JobReply;

class TableDataModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        RawValueRole = Qt::UserRole + 1,   // the value as read (QVariant(), or the edited value)
        IsNullRole,                        // bool
        IsLoadedRole,                      // bool: false for a placeholder
        RowStateRole,                      // int(RowState)
        IsDirtyRole,                       // bool: this cell has a staged edit
    };
    enum class RowState { Clean, Modified, Inserted, Deleted, Conflict };

    explicit TableDataModel(QObject *parent = nullptr);
    ~TableDataModel() override;

    void openTable(const ConnectionSpec &spec, const Schema &schema, const QString &table,
                   const QList<ColumnFilter> &filters = {});
    void openQuery(const ConnectionSpec &spec, const QString &sql);

    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }
    void setMaxPages(int pages) { m_maxPages = qMax(2, pages); }
    int maxPages() const { return m_maxPages; }

    const DataView &view() const { return m_view; }
    const Table *table() const;             // table mode: the table's schema
    const Schema &schema() const { return m_schema; }
    const ConnectionSpec &connection() const { return m_spec; }
    bool isEditable() const { return m_view.editable() && m_serverReadOnly.isEmpty(); }
    // The server takes no writes (a standby, a read-only node): every table is read-only, for reason.
    void setServerReadOnly(const QString &reason) { m_serverReadOnly = reason; }
    QString readOnlyReason() const;         // empty when editable
    QString lastError() const { return m_lastError; }

    // Server-side order and filters. False (and nothing changes) while edits are staged.
    bool setSortKeys(const QList<SortKey> &sort);
    bool setFilters(const QList<ColumnFilter> &filters, const QString &where);
    // Reads everything again, keeping the row count and the view's position. False while edits are staged.
    bool refresh();

    bool countExact() const { return m_countExact; }
    // The rows could not be counted (or read): a failing WHERE. Nothing is being counted any more.
    bool countFailed() const { return m_countFailed; }
    qint64 tableRowCount() const { return m_rowCount; }
    bool isRowLoaded(int row) const;
    // Asks for the pages holding rows first..last now (a view does this through data() anyway).
    void fetchRows(int first, int last);
    int loadedPageCount() const { return int(m_pages.size()); }
    int pendingPageCount() const { return int(m_inFlight.size()); }
    int staleResultsDropped() const { return m_staleDropped; }
    quint64 generation() const { return m_generation; }
    // The row's values as loaded (edits not applied); empty when not loaded or an inserted row.
    QVariantList loadedRow(int row) const;
    // Current values (staged edits included) of a loaded row; empty when not loaded.
    QVariantList rowValues(int row) const;
    int columnIndex(const QString &name) const { return int(columnNames().indexOf(name)); }
    QStringList columnNames() const;

    // Staged changes.
    bool hasChanges() const { return !m_changes.isEmpty() || !m_inserts.isEmpty(); }
    int changedRowCount() const { return int(m_changes.size() + m_inserts.size()); }
    QList<RowChange> stagedChanges() const;
    void applyChanges();
    void revertChanges();
    // Undo and redo of staging (cell edits, added and deleted rows), one step at a time. Apply, Discard
    // and anything that reloads the rows (sort, filter, reload) end the history.
    bool canUndo() const { return !m_undo.isEmpty() && !m_applying; }
    bool canRedo() const { return !m_redo.isEmpty() && !m_applying; }
    bool undo();
    bool redo();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool insertRows(int row, int count, const QModelIndex &parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    void sort(int column, Qt::SortOrder order) override;

signals:
    void countChanged(qint64 rows, bool exact);
    void pageArrived(int firstRow, int lastRow);
    void loadFailed(const QString &message);
    void dirtyChanged(bool dirty);
    void applied(const loam::ApplyOutcome &outcome);        // written and committed
    void applyConflicts(const QStringList &messages);       // nothing written
    void applyFailed(const QString &message);               // nothing written
    void busyChanged(bool busy);
    void historyChanged();   // canUndo() or canRedo() may have changed

private:
    struct Page {
        QList<QVariantList> rows;
        quint64 lastUse = 0;
        bool fromEnd = false;   // placed relative to an estimated end; dropped if the count changes
    };

    void start(const ConnectionSpec &spec, const DataView &view);
    void newGeneration();
    void requestCount();
    void requestPage(qint64 page) const;
    void scheduleFlush() const;
    void flush();
    void onPage(quint64 generation, qint64 page, bool fromEnd, const JobReply<RowSet> &reply);
    void onCount(quint64 generation, const JobReply<qint64> &reply, bool exact);
    void setRowCount(qint64 rows, bool exact);
    void evict();
    const QVariantList *cachedRow(int row) const;
    qint64 rowsInPage(qint64 page) const;

    // The staged edits as one value, for the undo history.
    struct Staged {
        QMap<int, RowChange> changes;
        QList<RowChange> inserts;
    };
    void remember(const Staged &before);
    void restore(const Staged &state);
    void clearHistory();

    ConnectionSpec m_spec;
    Schema m_schema;
    QString m_serverReadOnly;
    DataView m_view;
    std::unique_ptr<TableQuery> m_query;
    std::unique_ptr<SqlWorker> m_pageWorker;
    std::unique_ptr<SqlWorker> m_countWorker;
    std::unique_ptr<SqlWorker> m_editWorker;
    QStringList m_columns;
    int m_pageSize = 200;
    int m_maxPages = 40;
    quint64 m_generation = 0;
    qint64 m_rowCount = 0;
    bool m_countExact = false;
    bool m_countFailed = false;
    quint64 m_reportedFailure = 0;   // the generation whose failure loadFailed already told (once each)
    void reportFailure(const QString &message);
    bool m_applying = false;
    int m_staleDropped = 0;
    QString m_lastError;

    void scheduleDeferredCount(int delayMs);
    std::optional<std::pair<qint64, bool>> m_deferredCount;   // (rows, exact) waiting for the first page
    QElapsedTimer m_firstPageClock;
    mutable QHash<qint64, Page> m_pages;
    mutable QSet<qint64> m_wanted;
    mutable QSet<qint64> m_inFlight;
    mutable quint64 m_tick = 0;
    mutable bool m_flushScheduled = false;

    QMap<int, RowChange> m_changes;     // by row, for rows < m_rowCount
    QList<RowChange> m_inserts;         // shown after the last row
    QSet<int> m_conflictRows;
    QList<Staged> m_undo, m_redo;
};

}  // namespace loam

Q_DECLARE_METATYPE(loam::ApplyOutcome)
