// DataGridPane: browse and edit one table's rows: grid, filter bar, free WHERE, apply/discard, full-value and references panel.
#pragma once

#include "connection/ConnectionSpec.h"
#include "data/TableQuery.h"
#include "schema/Schema.h"

#include <QWidget>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QToolButton;
class QAction;

namespace loam {

class DataGridView;
class SqlWorker;
class TableDataModel;

class DataGridPane : public QWidget {
    Q_OBJECT
public:
    explicit DataGridPane(QWidget *parent = nullptr);
    ~DataGridPane() override;

    // The live connection the pane reads from; without one it only says that data needs a connection.
    void setConnection(const std::optional<ConnectionSpec> &spec, const Schema &schema);
    // The connection's server takes no writes (a standby, a read-only node): every table is
    // read-only with reason shown above the grid; "" when it takes them. Set before setConnection.
    void setServerReadOnly(const QString &reason);
    // Shows a table's rows, optionally filtered (foreign-key navigation). Loads at once when the pane
    // is visible, otherwise when it is first shown. With staged edits the switch waits until they are
    // applied or discarded.
    void showTable(const QString &table, const QList<ColumnFilter> &filters = {});
    QString tableName() const { return m_table; }

    TableDataModel *model() const { return m_model; }
    DataGridView *grid() const { return m_grid; }
    QString countText() const;
    QString messageText() const;
    QString readOnlyText() const;

    void applyChanges();
    void discardChanges();
    void addRow();
    void deleteSelectedRows();
    // Makes a row current by its number as the grid shows it (1-based), moving the row window there.
    void goToRow(qint64 rowNumber);

signals:
    // A foreign-key jump or a "referenced by" entry asks for another table, filtered.
    void openTableRequested(const QString &table, const QList<loam::ColumnFilter> &filters);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void load();
    void addFilter();
    void clearFilters();
    void applyFilters();
    void updateFilterWidgets();
    void updateCount();
    void updateActions();
    void updateSidePanel();
    void countReferences();
    void showMessage(const QString &text, bool error);
    void fillMenu(class QMenu *menu, const QModelIndex &index);

    std::optional<ConnectionSpec> m_spec;
    Schema m_schema;
    QString m_table;
    QList<ColumnFilter> m_filters;
    QString m_pendingTable;
    QList<ColumnFilter> m_pendingFilters;
    bool m_needsLoad = false;
    bool m_fitColumns = false;        // the next first page sizes the columns to their contents
    bool m_referencesStale = false;   // Apply wrote rows: count the current row's references again

    TableDataModel *m_model = nullptr;
    DataGridView *m_grid = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_readOnly = nullptr;
    QLabel *m_message = nullptr;
    bool m_loadErrorShown = false;   // m_message shows a failed read of the rows
    QComboBox *m_filterColumn = nullptr;
    QComboBox *m_filterOp = nullptr;
    QLineEdit *m_filterValue = nullptr;
    QLineEdit *m_filterUpper = nullptr;
    QLineEdit *m_where = nullptr;
    QLabel *m_activeFilters = nullptr;
    QToolButton *m_clearFilters = nullptr;
    QPlainTextEdit *m_fullValue = nullptr;
    QLabel *m_fullValueTitle = nullptr;
    QListView *m_references = nullptr;
    QStandardItemModel *m_referenceModel = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_discardAction = nullptr;
    QAction *m_addRowAction = nullptr;
    QAction *m_deleteRowAction = nullptr;
    QAction *m_refreshAction = nullptr;
    class QTimer *m_referenceTimer = nullptr;
    std::unique_ptr<SqlWorker> m_navWorker;
    quint64 m_referenceGeneration = 0;
};

}  // namespace loam
