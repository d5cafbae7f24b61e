// TableEditorPane: the form for one table of the schema editor — name, comment, columns, keys, indexes, foreign keys, checks, enums.
#pragma once

#include "edit/SchemaValidator.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSpinBox;
class QTableView;
class QTabWidget;

namespace loam {

class ColumnsModel;
class MarkedListModel;
class SchemaEditor;

class TableEditorPane : public QWidget {
    Q_OBJECT
public:
    TableEditorPane(SchemaEditor *editor, QWidget *parent = nullptr);

    // Shows the editor's table (empty: nothing), keeping the selected column when it still exists.
    void showTable(const QString &table);
    void showEnum(const QString &name);
    // Selects the column or constraint an issue points to.
    void focusItem(const SchemaItemRef &item);
    bool selectColumn(const QString &column);
    QString selectedColumn() const;

    QTableView *columnsView() const { return m_columnsView; }
    ColumnsModel *columnsModel() const { return m_columns; }
    QLineEdit *tableNameEdit() const { return m_tableName; }
    // The column form.
    QLineEdit *columnNameEdit() const { return m_colName; }
    QComboBox *typeCombo() const { return m_colType; }
    QSpinBox *lengthSpin() const { return m_colLength; }
    QSpinBox *scaleSpin() const { return m_colScale; }
    QCheckBox *nullableCheck() const { return m_colNullable; }
    QCheckBox *primaryKeyCheck() const { return m_colPk; }
    QCheckBox *uniqueCheck() const { return m_colUnique; }
    QComboBox *defaultKindCombo() const { return m_colDefaultKind; }
    QLineEdit *defaultEdit() const { return m_colDefault; }
    QComboBox *autoCombo() const { return m_colAuto; }
    QTabWidget *constraintTabs() const { return m_tabs; }
    // The Relations tab: the table's soft relations, and the button that gives one a foreign key.
    QListView *softRelationsView() const { return m_softView; }
    QPushButton *addForeignKeyForRelationButton() const { return m_softToKey; }

private:
    enum class ListKind { Unique, Index, ForeignKey, Check, Enum };
    QWidget *createColumnForm();
    QWidget *createList(ListKind kind, QListView **view, MarkedListModel **model);
    void loadColumnForm();
    // Applies the form to the selected column as one undo step.
    void commitColumnForm();
    void renameTable();
    void commentTable();
    void addColumn();
    void removeColumn();
    void moveColumn(int delta);
    void editListItem(ListKind kind, int row);
    void removeListItem(ListKind kind, int row);
    void fillLists();
    QWidget *createSoftRelationList();
    // Turns the selected soft relation into a foreign key, as one undo step.
    void addForeignKeyForSelectedRelation();

    SchemaEditor *m_editor;
    QString m_table;
    bool m_loading = false;
    QLabel *m_empty = nullptr;
    QWidget *m_body = nullptr;
    QLineEdit *m_tableName = nullptr;
    QLineEdit *m_tableComment = nullptr;
    QTableView *m_columnsView = nullptr;
    ColumnsModel *m_columns = nullptr;
    QWidget *m_form = nullptr;
    QLineEdit *m_colName = nullptr;
    QComboBox *m_colType = nullptr;
    QSpinBox *m_colLength = nullptr;
    QSpinBox *m_colScale = nullptr;
    QCheckBox *m_colNullable = nullptr;
    QCheckBox *m_colPk = nullptr;
    QCheckBox *m_colUnique = nullptr;
    QComboBox *m_colDefaultKind = nullptr;
    QLineEdit *m_colDefault = nullptr;
    QComboBox *m_colAuto = nullptr;
    QLineEdit *m_colComment = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListView *m_uniqueView = nullptr, *m_indexView = nullptr, *m_fkView = nullptr, *m_checkView = nullptr,
              *m_enumView = nullptr;
    MarkedListModel *m_uniqueModel = nullptr, *m_indexModel = nullptr, *m_fkModel = nullptr, *m_checkModel = nullptr,
                    *m_enumModel = nullptr;
    QListView *m_softView = nullptr;
    MarkedListModel *m_softModel = nullptr;
    QPushButton *m_softToKey = nullptr;
    QList<int> m_softRows;   // the schema.softRelations index of each row of m_softModel
};

}  // namespace loam
