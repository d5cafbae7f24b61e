// Item models of the seed dialog: tables with counts, a table's `with` children, its columns with
// generators and sample values, and preview rows. They edit one SeedConfig the dialog owns.
#pragma once

#include "schema/Schema.h"
#include "seed/SeedConfig.h"
#include "seed/SeedPlan.h"

#include <QAbstractTableModel>
#include <memory>

namespace loam {

// "5", "1-3", or weighted ranges "0.7: 1-2, 0.3: 5"; and back.
QString childCountText(const ChildCount &count);
std::optional<ChildCount> parseChildCount(const QString &text);

// What every model reads: the schema, the config being edited, and the plan built from both
// (null while the config cannot be planned).
struct SeedDraft {
    Schema schema;
    SeedConfig config;
    std::shared_ptr<const SeedPlan> plan;
    QString planError;
};

// Table | Rows (editable: empty means "from with / default") | With | Total rows planned.
class SeedTablesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, CountColumn, WithColumn, PlannedColumn, ColumnCount };
    SeedTablesModel(SeedDraft *draft, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QString tableAt(int row) const;
    void refresh();   // after the plan changed

signals:
    void configEdited();

private:
    SeedDraft *m_draft;
};

// The tables that point at one parent table: Child | Rows per parent row (editable).
class SeedWithModel : public QAbstractTableModel {
    Q_OBJECT
public:
    SeedWithModel(SeedDraft *draft, QObject *parent = nullptr);
    void setParentTable(const QString &table);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

signals:
    void configEdited();
    void editRejected(const QString &message);

private:
    SeedDraft *m_draft;
    QString m_parent;
    QStringList m_children;
};

// One table's columns: Column | Type | Generator (editable) | Options JSON (editable) | Samples.
class SeedColumnsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, GeneratorColumn, OptionsColumn, SamplesColumn, ColumnCount };
    SeedColumnsModel(SeedDraft *draft, QObject *parent = nullptr);
    void setTable(const QString &table);
    QString table() const { return m_table; }
    QString columnAt(int row) const;
    // The generator the plan uses for the column at row ("firstName", "→ users.id"), "" without a plan.
    QString plannedGenerator(int row) const;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    void refresh();

signals:
    void configEdited();
    void editRejected(const QString &message);

private:
    SeedDraft *m_draft;
    QString m_table;
    QList<QStringList> m_samples;   // per column, a few planned values
};

// Read-only rows under column headers (the preview); each header names the generator under the column.
class SeedRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(const QStringList &headers, const QList<QVariantList> &rows);
    void setGenerators(const QStringList &generators);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QStringList m_headers;
    QStringList m_generators;
    QList<QVariantList> m_rows;
};

}  // namespace loam
