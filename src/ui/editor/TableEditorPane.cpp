#include "ui/editor/TableEditorPane.h"
#include "engines/EngineBackend.h"

#include "engines/Dialect.h"
#include "edit/SchemaEdits.h"
#include "schema/Relations.h"
#include "ui/editor/ConstraintDialogs.h"
#include "ui/editor/EditorModels.h"
#include "ui/editor/SchemaEditor.h"

#include <QCoreApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace loam {

namespace {

// For the helpers below: the same translation context as the class of this file.
QString tr(const char *source)
{
    return QCoreApplication::translate("loam::TableEditorPane", source);
}

enum DefaultKind { NoDefault, LiteralDefault, ExpressionDefault };

QList<AutoKind> autoKindsFor(Engine e)
{
    return backend(e).capabilities().autoKinds;
}

QString autoKindLabel(AutoKind k)
{
    switch (k) {
    case AutoKind::None: return QStringLiteral("—");
    case AutoKind::AutoIncrement: return tr("auto increment");
    case AutoKind::RowId: return tr("rowid alias");
    case AutoKind::Serial: return QStringLiteral("serial");
    case AutoKind::IdentityAlways: return tr("identity (always)");
    case AutoKind::IdentityByDefault: return tr("identity (by default)");
    }
    return {};
}

bool isNumber(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(R"(^-?\d+(\.\d+)?$)"));
    return re.match(s).hasMatch();
}

}  // namespace

TableEditorPane::TableEditorPane(SchemaEditor *editor, QWidget *parent) : QWidget(parent), m_editor(editor)
{
    setObjectName(QStringLiteral("tableEditorPane"));
    m_empty = new QLabel(tr("Select a table on the diagram or in the list, or add one."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_body = new QWidget(this);
    m_tableName = new QLineEdit(m_body);
    m_tableName->setObjectName(QStringLiteral("tableName"));
    QFont bold = m_tableName->font();
    bold.setBold(true);
    m_tableName->setFont(bold);
    m_tableComment = new QLineEdit(m_body);
    m_tableComment->setObjectName(QStringLiteral("tableComment"));
    m_tableComment->setPlaceholderText(QStringLiteral("comment"));
    connect(m_tableName, &QLineEdit::editingFinished, this, &TableEditorPane::renameTable);
    connect(m_tableComment, &QLineEdit::editingFinished, this, &TableEditorPane::commentTable);

    m_columns = new ColumnsModel(editor, this);
    m_columnsView = new QTableView(m_body);
    m_columnsView->setObjectName(QStringLiteral("columnsView"));
    m_columnsView->setModel(m_columns);
    m_columnsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_columnsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_columnsView->verticalHeader()->hide();
    m_columnsView->horizontalHeader()->setStretchLastSection(true);
    m_columnsView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    connect(m_columnsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { loadColumnForm(); });

    auto *addCol = new QPushButton(tr("Add Column"), m_body);
    addCol->setObjectName(QStringLiteral("addColumn"));
    auto *removeCol = new QPushButton(tr("Remove"), m_body);
    auto *up = new QPushButton(QStringLiteral("↑"), m_body);
    auto *down = new QPushButton(QStringLiteral("↓"), m_body);
    up->setMaximumWidth(32);
    down->setMaximumWidth(32);
    connect(addCol, &QPushButton::clicked, this, &TableEditorPane::addColumn);
    connect(removeCol, &QPushButton::clicked, this, &TableEditorPane::removeColumn);
    connect(up, &QPushButton::clicked, this, [this] { moveColumn(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveColumn(1); });
    auto *colButtons = new QHBoxLayout;
    colButtons->addWidget(addCol);
    colButtons->addWidget(removeCol);
    colButtons->addStretch(1);
    colButtons->addWidget(up);
    colButtons->addWidget(down);

    m_tabs = new QTabWidget(m_body);
    m_tabs->setObjectName(QStringLiteral("constraintTabs"));
    m_tabs->addTab(createColumnForm(), tr("Column"));
    m_tabs->addTab(createList(ListKind::Unique, &m_uniqueView, &m_uniqueModel), tr("Keys"));
    m_tabs->addTab(createList(ListKind::Index, &m_indexView, &m_indexModel), tr("Indexes"));
    m_tabs->addTab(createList(ListKind::ForeignKey, &m_fkView, &m_fkModel), tr("Foreign Keys"));
    m_tabs->addTab(createList(ListKind::Check, &m_checkView, &m_checkModel), tr("Checks"));
    m_tabs->addTab(createList(ListKind::Enum, &m_enumView, &m_enumModel), tr("Enums"));
    m_tabs->addTab(createSoftRelationList(), tr("Relations"));

    auto *head = new QFormLayout;
    head->addRow(tr("Table:"), m_tableName);
    head->addRow(tr("Comment:"), m_tableComment);
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(head);
    bodyLayout->addWidget(m_columnsView, 3);
    bodyLayout->addLayout(colButtons);
    bodyLayout->addWidget(m_tabs, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_empty);
    layout->addWidget(m_body);
    showTable({});
}

QWidget *TableEditorPane::createColumnForm()
{
    m_form = new QWidget(this);
    m_colName = new QLineEdit(m_form);
    m_colName->setObjectName(QStringLiteral("columnName"));
    m_colType = new QComboBox(m_form);
    m_colType->setObjectName(QStringLiteral("columnType"));
    m_colType->setEditable(true);
    m_colType->setInsertPolicy(QComboBox::NoInsert);
    m_colLength = new QSpinBox(m_form);
    m_colLength->setObjectName(QStringLiteral("columnLength"));
    m_colLength->setRange(0, 65535);
    m_colLength->setSpecialValueText(QStringLiteral("—"));
    m_colLength->setToolTip(tr("Length, or precision for decimal types"));
    m_colScale = new QSpinBox(m_form);
    m_colScale->setObjectName(QStringLiteral("columnScale"));
    m_colScale->setRange(-1, 65);
    m_colScale->setSpecialValueText(QStringLiteral("—"));
    m_colScale->setToolTip(tr("Scale (digits after the point) for decimal types"));
    auto *typeRow = new QHBoxLayout;
    typeRow->addWidget(m_colType, 1);
    typeRow->addWidget(new QLabel(tr("Length"), m_form));
    typeRow->addWidget(m_colLength);
    typeRow->addWidget(new QLabel(tr("Scale"), m_form));
    typeRow->addWidget(m_colScale);

    m_colNullable = new QCheckBox(tr("Nullable"), m_form);
    m_colNullable->setObjectName(QStringLiteral("columnNullable"));
    m_colPk = new QCheckBox(tr("Primary key"), m_form);
    m_colPk->setObjectName(QStringLiteral("columnPrimaryKey"));
    m_colUnique = new QCheckBox(tr("Unique"), m_form);
    m_colUnique->setObjectName(QStringLiteral("columnUnique"));
    auto *flags = new QHBoxLayout;
    flags->addWidget(m_colNullable);
    flags->addWidget(m_colPk);
    flags->addWidget(m_colUnique);
    flags->addStretch(1);

    m_colDefaultKind = new QComboBox(m_form);
    m_colDefaultKind->setObjectName(QStringLiteral("columnDefaultKind"));
    m_colDefaultKind->addItems({tr("No default"), tr("Literal"), tr("Expression")});
    m_colDefault = new QLineEdit(m_form);
    m_colDefault->setObjectName(QStringLiteral("columnDefault"));
    m_colDefault->setPlaceholderText(tr("draft · 0 · CURRENT_TIMESTAMP"));
    auto *defaultRow = new QHBoxLayout;
    defaultRow->addWidget(m_colDefaultKind);
    defaultRow->addWidget(m_colDefault, 1);

    m_colAuto = new QComboBox(m_form);
    m_colAuto->setObjectName(QStringLiteral("columnAuto"));
    m_colComment = new QLineEdit(m_form);
    m_colComment->setObjectName(QStringLiteral("columnComment"));

    auto *form = new QFormLayout(m_form);
    form->addRow(tr("Name:"), m_colName);
    form->addRow(tr("Type:"), typeRow);
    form->addRow(QString(), flags);
    form->addRow(tr("Default:"), defaultRow);
    form->addRow(tr("Generated:"), m_colAuto);
    form->addRow(tr("Comment:"), m_colComment);

    auto commit = [this] { commitColumnForm(); };
    connect(m_colName, &QLineEdit::editingFinished, this, commit);
    connect(m_colType, &QComboBox::activated, this, commit);
    connect(m_colType->lineEdit(), &QLineEdit::editingFinished, this, commit);
    connect(m_colLength, &QSpinBox::editingFinished, this, commit);
    connect(m_colScale, &QSpinBox::editingFinished, this, commit);
    connect(m_colNullable, &QCheckBox::clicked, this, commit);
    connect(m_colPk, &QCheckBox::clicked, this, commit);
    connect(m_colUnique, &QCheckBox::clicked, this, commit);
    connect(m_colDefaultKind, &QComboBox::activated, this, commit);
    connect(m_colDefault, &QLineEdit::editingFinished, this, commit);
    connect(m_colAuto, &QComboBox::activated, this, commit);
    connect(m_colComment, &QLineEdit::editingFinished, this, commit);
    return m_form;
}

QWidget *TableEditorPane::createList(ListKind kind, QListView **view, MarkedListModel **model)
{
    auto *page = new QWidget(this);
    *model = new MarkedListModel(page);
    *view = new QListView(page);
    (*view)->setModel(*model);
    (*view)->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *add = new QPushButton(tr("Add…"), page);
    auto *editButton = new QPushButton(tr("Edit…"), page);
    auto *remove = new QPushButton(tr("Remove"), page);
    QListView *v = *view;
    connect(add, &QPushButton::clicked, this, [this, kind] { editListItem(kind, -1); });
    connect(editButton, &QPushButton::clicked, this, [this, kind, v] {
        if (v->currentIndex().isValid())
            editListItem(kind, v->currentIndex().row());
    });
    connect(v, &QListView::doubleClicked, this, [this, kind](const QModelIndex &i) { editListItem(kind, i.row()); });
    connect(remove, &QPushButton::clicked, this, [this, kind, v] {
        if (v->currentIndex().isValid())
            removeListItem(kind, v->currentIndex().row());
    });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(editButton);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(page);
    layout->addWidget(v, 1);
    layout->addLayout(buttons);
    return page;
}

QWidget *TableEditorPane::createSoftRelationList()
{
    auto *page = new QWidget(this);
    m_softModel = new MarkedListModel(page);
    m_softView = new QListView(page);
    m_softView->setObjectName(QStringLiteral("softRelations"));
    m_softView->setModel(m_softModel);
    m_softView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_softToKey = new QPushButton(tr("Add a foreign key for this relation"), page);
    m_softToKey->setObjectName(QStringLiteral("addForeignKeyForRelation"));
    m_softToKey->setToolTip(tr("The database gets a foreign key that backs the relation; the next push creates it"));
    m_softToKey->setEnabled(false);
    connect(m_softToKey, &QPushButton::clicked, this, &TableEditorPane::addForeignKeyForSelectedRelation);
    connect(m_softView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_softToKey->setEnabled(current.isValid()); });
    auto *note = new QLabel(tr("Declared with relations() in code; no foreign key backs them, so the database does not know them."), page);
    note->setWordWrap(true);
    // The sentences are long: the list gets the whole width, the button sits under it.
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_softToKey);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(note);
    layout->addWidget(m_softView, 1);
    layout->addLayout(buttons);
    return page;
}

void TableEditorPane::addForeignKeyForSelectedRelation()
{
    const QModelIndex current = m_softView->currentIndex();
    if (!current.isValid() || current.row() >= m_softRows.size())
        return;
    const int index = m_softRows[current.row()];
    const Schema &schema = m_editor->schema();
    if (index < 0 || index >= schema.softRelations.size())
        return;
    const SoftRelation soft = schema.softRelations[index];
    m_editor->apply({tr("Foreign key for %1 → %2").arg(soft.table, soft.target), [index](Schema &s) {
                         const Result<ForeignKey> fk = edit::addForeignKeyForSoftRelation(s, index);
                         return fk ? success() : Status(fk.error());
                     }});
}

void TableEditorPane::showTable(const QString &table)
{
    const Schema &schema = m_editor->schema();
    const Table *t = schema.table(table);
    const QString keep = table == m_table ? selectedColumn() : QString();
    m_table = t ? table : QString();
    m_empty->setVisible(!t);
    m_body->setVisible(t || m_editor->hasSchema());
    m_columnsView->setEnabled(t);
    m_tableName->setEnabled(t);
    m_tableComment->setEnabled(t);
    m_loading = true;
    m_tableName->setText(t ? t->name : QString());
    m_tableComment->setText(t ? t->comment : QString());
    const bool tableIssue = t && std::any_of(m_editor->issues().cbegin(), m_editor->issues().cend(), [&](const ValidationIssue &i) {
        return i.item.kind == SchemaItemRef::Kind::Table && i.item.table == table && !i.warning;
    });
    m_tableName->setStyleSheet(tableIssue ? QStringLiteral("QLineEdit { border: 2px solid #dc2626; }") : QString());
    m_columns->setTable(t ? *t : Table{}, m_editor->issues());
    // The engine's types and the schema's enums; rebuilt when either changes.
    QString engineTypes = engineId(schema.engine);
    for (const EnumType &e : schema.enums)
        engineTypes += QLatin1Char(' ') + e.name;
    if (m_colType->property("engine").toString() != engineTypes) {
        m_colType->clear();
        m_colType->addItems(Dialect::forEngine(schema.engine).columnTypeNames());
        for (const EnumType &e : schema.enums)
            m_colType->addItem(e.name);
        m_colType->setProperty("engine", engineTypes);
        m_colAuto->clear();
        for (AutoKind k : autoKindsFor(schema.engine))
            m_colAuto->addItem(autoKindLabel(k), autoKindId(k));
    }
    m_loading = false;
    m_columnsView->resizeColumnsToContents();
    if (!keep.isEmpty() && t && t->hasColumn(keep))
        selectColumn(keep);
    else if (t && !t->columns.isEmpty())
        selectColumn(t->columns.first().name);
    else
        loadColumnForm();
    fillLists();
}

void TableEditorPane::showEnum(const QString &name)
{
    m_tabs->setCurrentWidget(m_enumView->parentWidget());
    for (int i = 0; i < m_editor->schema().enums.size(); ++i)
        if (m_editor->schema().enums[i].name == name)
            m_enumView->setCurrentIndex(m_enumModel->index(i));
}

void TableEditorPane::focusItem(const SchemaItemRef &item)
{
    using Kind = SchemaItemRef::Kind;
    switch (item.kind) {
    case Kind::Table: m_tableName->setFocus(); break;
    case Kind::Column:
        selectColumn(item.name);
        m_tabs->setCurrentWidget(m_form);
        break;
    case Kind::PrimaryKey:
        m_tabs->setCurrentWidget(m_uniqueView->parentWidget());
        m_uniqueView->setCurrentIndex(m_uniqueModel->index(0));
        break;
    case Kind::Unique:
        m_tabs->setCurrentWidget(m_uniqueView->parentWidget());
        m_uniqueView->setCurrentIndex(m_uniqueModel->index(item.index + 1));
        break;
    case Kind::Index:
        m_tabs->setCurrentWidget(m_indexView->parentWidget());
        m_indexView->setCurrentIndex(m_indexModel->index(item.index));
        break;
    case Kind::ForeignKey:
        m_tabs->setCurrentWidget(m_fkView->parentWidget());
        m_fkView->setCurrentIndex(m_fkModel->index(item.index));
        break;
    case Kind::Check:
        m_tabs->setCurrentWidget(m_checkView->parentWidget());
        m_checkView->setCurrentIndex(m_checkModel->index(item.index));
        break;
    case Kind::Enum: showEnum(item.name); break;
    }
}

bool TableEditorPane::selectColumn(const QString &column)
{
    for (int row = 0; row < m_columns->rowCount(); ++row)
        if (m_columns->columnName(row) == column) {
            m_columnsView->setCurrentIndex(m_columns->index(row, ColumnsModel::Name));
            loadColumnForm();
            return true;
        }
    return false;
}

QString TableEditorPane::selectedColumn() const
{
    const QModelIndex i = m_columnsView->currentIndex();
    return i.isValid() ? m_columns->columnName(i.row()) : QString();
}

void TableEditorPane::loadColumnForm()
{
    const Table &t = m_columns->table();
    const Column *c = t.column(selectedColumn());
    m_form->setEnabled(c);
    m_loading = true;
    const ColumnType type = c ? parseColumnType(c->type) : ColumnType{};
    m_colName->setText(c ? c->name : QString());
    m_colType->setCurrentText(type.base + (type.suffix.isEmpty() ? QString() : QLatin1Char(' ') + type.suffix));
    m_colLength->setValue(std::max(0, type.length));
    m_colScale->setValue(type.scale);
    m_colNullable->setChecked(c && c->nullable);
    m_colPk->setChecked(c && t.primaryKey.columns.contains(c->name));
    m_colUnique->setChecked(c && t.isUniqueSet({c->name}) && t.primaryKey.columns != QStringList{c->name});
    int kind = NoDefault;
    QString text;
    if (c && c->defaultValue) {
        text = *c->defaultValue;
        if (text.size() >= 2 && text.startsWith(QLatin1Char('\'')) && text.endsWith(QLatin1Char('\''))) {
            kind = LiteralDefault;
            text = text.mid(1, text.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
        } else {
            kind = isNumber(text) ? LiteralDefault : ExpressionDefault;
        }
    }
    m_colDefaultKind->setCurrentIndex(kind);
    m_colDefault->setText(text);
    m_colAuto->setCurrentIndex(std::max(0, m_colAuto->findData(c ? autoKindId(c->autoKind) : QString())));
    m_colComment->setText(c ? c->comment : QString());
    const bool problem = c && std::any_of(m_editor->issues().cbegin(), m_editor->issues().cend(), [&](const ValidationIssue &i) {
        return i.item.kind == SchemaItemRef::Kind::Column && i.item.table == t.name && i.item.name == c->name && !i.warning;
    });
    m_colName->setStyleSheet(problem ? QStringLiteral("QLineEdit { border: 2px solid #dc2626; }") : QString());
    m_loading = false;
}

void TableEditorPane::commitColumnForm()
{
    if (m_loading || m_table.isEmpty())
        return;
    const Table *t = m_editor->schema().table(m_table);
    const QString oldName = selectedColumn();
    const Column *current = t ? t->column(oldName) : nullptr;
    if (!current)
        return;
    Column c = *current;
    c.name = m_colName->text().trimmed();
    ColumnType type = parseColumnType(m_colType->currentText());
    // A different type keeps the length only when it was typed with it ("char(2)"): varchar(50) -> text is text.
    const bool sameBase = type.base == parseColumnType(current->type).base;
    if (type.length < 0 && m_colLength->value() > 0 && sameBase) {
        type.length = m_colLength->value();
        type.scale = m_colScale->value() >= 0 ? m_colScale->value() : -1;
    }
    // Type words after the parameters ("unsigned") go behind them.
    const QStringList words = type.base.split(QLatin1Char(' '));
    if (type.length >= 0 && words.size() > 1 && words.last() == u"unsigned") {
        type.base = words.mid(0, words.size() - 1).join(QLatin1Char(' '));
        type.suffix = QStringLiteral("unsigned");
    }
    c.type = type.toString();
    c.nullable = m_colNullable->isChecked();
    const QString def = m_colDefault->text().trimmed();
    switch (m_colDefaultKind->currentIndex()) {
    case NoDefault: c.defaultValue.reset(); break;
    case LiteralDefault:
        c.defaultValue = isNumber(def) ? def : Dialect::forEngine(m_editor->schema().engine).quoteString(m_colDefault->text());
        break;
    case ExpressionDefault: c.defaultValue = def.isEmpty() ? std::nullopt : std::optional<QString>(def); break;
    }
    c.autoKind = autoKindFromId(m_colAuto->currentData().toString()).value_or(AutoKind::None);
    c.comment = m_colComment->text().trimmed();
    const bool pk = m_colPk->isChecked();
    const bool unique = m_colUnique->isChecked();
    const bool wasPk = t->primaryKey.columns.contains(oldName);
    const bool wasUnique = t->isUniqueSet({oldName}) && t->primaryKey.columns != QStringList{oldName};
    if (c == *current && pk == wasPk && unique == wasUnique)
        return;
    const QString table = m_table;
    QString text = tr("Edit column %1.%2").arg(table, oldName);
    if (c.type != current->type && c.name == current->name)
        text = tr("Change type of %1.%2 to %3").arg(table, oldName, c.type);
    else if (c.name != current->name)
        text = tr("Rename %1.%2 to %3").arg(table, oldName, c.name);
    m_editor->apply({text, [=](Schema &s) -> Status {
                         if (Status done = edit::alterColumn(s, table, oldName, c); !done)
                             return done;
                         if (pk != wasPk)
                             if (Status done = edit::setColumnPrimaryKey(s, table, c.name, pk); !done)
                                 return done;
                         if (unique != wasUnique)
                             return edit::setColumnUnique(s, table, c.name, unique);
                         return success();
                     }});
    // A refused edit leaves the schema as it was; the form shows it as it is.
    if (m_editor->schema().table(table) && m_editor->schema().table(table)->hasColumn(c.name))
        selectColumn(c.name);
    else
        loadColumnForm();
}

void TableEditorPane::renameTable()
{
    if (m_loading || m_table.isEmpty())
        return;
    const QString from = m_table, to = m_tableName->text().trimmed();
    if (from == to)
        return;
    m_editor->placeNextTable(to, {});
    m_editor->apply({tr("Rename table %1 to %2").arg(from, to),
                     [from, to](Schema &s) { return edit::renameTable(s, from, to); }});
    m_tableName->setText(m_table);
}

void TableEditorPane::commentTable()
{
    if (m_loading || m_table.isEmpty())
        return;
    const Table *t = m_editor->schema().table(m_table);
    const QString table = m_table, comment = m_tableComment->text().trimmed();
    if (!t || t->comment == comment)
        return;
    m_editor->apply({tr("Comment table %1").arg(table),
                     [table, comment](Schema &s) { return edit::setTableComment(s, table, comment); }});
}

void TableEditorPane::addColumn()
{
    const Table *t = m_editor->schema().table(m_table);
    if (!t)
        return;
    Column c;
    c.name = edit::freeColumnName(*t, QStringLiteral("new_column"));
    c.type = backend(m_editor->schema().engine).capabilities().newTextType;
    const QString table = m_table;
    if (m_editor->apply({tr("Add column %1.%2").arg(table, c.name),
                         [table, c](Schema &s) { return edit::addColumn(s, table, c); }})) {
        selectColumn(c.name);
        m_tabs->setCurrentWidget(m_form);
        m_colName->setFocus();
        m_colName->selectAll();
    }
}

void TableEditorPane::removeColumn()
{
    const QString column = selectedColumn(), table = m_table;
    if (column.isEmpty())
        return;
    m_editor->apply({tr("Drop column %1.%2").arg(table, column),
                     [table, column](Schema &s) { return edit::dropColumn(s, table, column); }});
}

void TableEditorPane::moveColumn(int delta)
{
    const QString column = selectedColumn(), table = m_table;
    const int row = m_columnsView->currentIndex().row();
    if (column.isEmpty() || row + delta < 0 || row + delta >= m_columns->rowCount())
        return;
    m_editor->apply({tr("Move column %1.%2").arg(table, column),
                     [=](Schema &s) { return edit::moveColumn(s, table, column, row + delta); }});
    selectColumn(column);
}

void TableEditorPane::fillLists()
{
    const Schema &schema = m_editor->schema();
    const Table *t = schema.table(m_table);
    auto problemOf = [&](SchemaItemRef::Kind kind, int index, const QString &name = {}) {
        QStringList out;
        bool warningOnly = true;
        for (const ValidationIssue &i : m_editor->issues())
            if (i.item.kind == kind && (kind == SchemaItemRef::Kind::Enum ? i.item.name == name
                                                                         : i.item.table == m_table && i.item.index == index)) {
                out << i.message;
                warningOnly = warningOnly && i.warning;
            }
        return MarkedListModel::Row{{}, out.join(QLatin1Char('\n')), warningOnly};
    };
    auto cols = [](const QStringList &c) { return c.join(QStringLiteral(", ")); };
    QList<MarkedListModel::Row> keys, indexes, fks, checks, enums;
    if (t) {
        MarkedListModel::Row pk = problemOf(SchemaItemRef::Kind::PrimaryKey, 0);
        pk.text = t->primaryKey.isEmpty() ? tr("Primary key: none") : tr("Primary key (%1)").arg(cols(t->primaryKey.columns));
        keys << pk;
        for (int i = 0; i < t->uniques.size(); ++i) {
            MarkedListModel::Row r = problemOf(SchemaItemRef::Kind::Unique, i);
            r.text = tr("Unique %1 (%2)").arg(t->uniques[i].name, cols(t->uniques[i].columns));
            keys << r;
        }
        for (int i = 0; i < t->indexes.size(); ++i) {
            MarkedListModel::Row r = problemOf(SchemaItemRef::Kind::Index, i);
            const Index &x = t->indexes[i];
            r.text = QStringLiteral("%1%2 (%3)%4").arg(x.unique ? tr("Unique index ") : QString(), x.name, cols(x.columns),
                                                      x.where.isEmpty() ? QString() : tr(" where ") + x.where);
            indexes << r;
        }
        for (int i = 0; i < t->foreignKeys.size(); ++i) {
            MarkedListModel::Row r = problemOf(SchemaItemRef::Kind::ForeignKey, i);
            const ForeignKey &fk = t->foreignKeys[i];
            r.text = QStringLiteral("(%1) → %2 (%3)").arg(cols(fk.columns), fk.refTable, cols(fk.refColumns));
            if (fk.onDelete != FkAction::NoAction)
                r.text += tr(" on delete ") + fkActionSql(fk.onDelete).toLower();
            if (fk.onUpdate != FkAction::NoAction)
                r.text += tr(" on update ") + fkActionSql(fk.onUpdate).toLower();
            fks << r;
        }
        for (int i = 0; i < t->checks.size(); ++i) {
            MarkedListModel::Row r = problemOf(SchemaItemRef::Kind::Check, i);
            r.text = QStringLiteral("%1: %2").arg(t->checks[i].name, t->checks[i].expression);
            checks << r;
        }
    }
    for (const EnumType &e : schema.enums) {
        MarkedListModel::Row r = problemOf(SchemaItemRef::Kind::Enum, -1, e.name);
        r.text = QStringLiteral("%1: %2").arg(e.name, e.values.join(QStringLiteral(", ")));
        enums << r;
    }
    QList<MarkedListModel::Row> softRows;
    m_softRows.clear();
    for (int i = 0; i < schema.softRelations.size() && t; ++i) {
        const SoftRelation &soft = schema.softRelations[i];
        if (soft.table != t->name && soft.target != t->name)
            continue;
        const Relation r = relationOf(schema, soft);
        softRows << MarkedListModel::Row{soft.table == t->name ? r.describeFromChild() : r.describe(), {}, false};
        m_softRows << i;
    }
    m_softModel->setRows(softRows);
    m_softToKey->setEnabled(m_softView->currentIndex().isValid());
    m_uniqueModel->setRows(keys);
    m_indexModel->setRows(indexes);
    m_fkModel->setRows(fks);
    m_checkModel->setRows(checks);
    m_enumModel->setRows(enums);
}

void TableEditorPane::editListItem(ListKind kind, int row)
{
    const Schema &schema = m_editor->schema();
    const Table *t = schema.table(m_table);
    const QString table = m_table;
    if (kind == ListKind::Enum) {
        if (!m_editor->hasSchema())
            return;
        const EnumType old = row >= 0 && row < schema.enums.size() ? schema.enums[row] : EnumType{};
        const auto e = editEnumDialog(this, old);
        if (e && !(*e == old))
            m_editor->apply({old.name.isEmpty() ? tr("Add enum %1").arg(e->name) : tr("Edit enum %1").arg(old.name),
                             [name = old.name, e = *e](Schema &s) { return edit::setEnum(s, name, e); }});
        return;
    }
    if (!t)
        return;
    switch (kind) {
    case ListKind::Unique: {
        if (row == 0) {
            const auto k = editKeyDialog(this, *t, t->primaryKey, KeyKind::Primary);
            if (k)
                m_editor->apply({tr("Primary key of %1").arg(table),
                                 [table, k = *k](Schema &s) { return edit::setPrimaryKey(s, table, k.columns); }});
            return;
        }
        const int index = row > 0 ? row - 1 : -1;
        const auto k = editKeyDialog(this, *t, index >= 0 ? t->uniques[index] : Key{}, KeyKind::Unique);
        if (k)
            m_editor->apply({tr("Unique key on %1").arg(table),
                             [=, k = *k](Schema &s) { return edit::setUnique(s, table, index, k); }});
        return;
    }
    case ListKind::Index: {
        const auto x = editIndexDialog(this, *t, row >= 0 ? t->indexes[row] : Index{});
        if (x)
            m_editor->apply({tr("Index on %1").arg(table),
                             [=, x = *x](Schema &s) { return edit::setIndex(s, table, row, x); }});
        return;
    }
    case ListKind::ForeignKey: {
        const auto fk = editForeignKeyDialog(this, schema, *t, row >= 0 ? t->foreignKeys[row] : ForeignKey{});
        if (fk)
            m_editor->apply({tr("Foreign key on %1").arg(table),
                             [=, fk = *fk](Schema &s) { return edit::setForeignKey(s, table, row, fk); }});
        return;
    }
    case ListKind::Check: {
        const auto c = editCheckDialog(this, row >= 0 ? t->checks[row] : Check{});
        if (c)
            m_editor->apply({tr("Check on %1").arg(table),
                             [=, c = *c](Schema &s) { return edit::setCheck(s, table, row, c); }});
        return;
    }
    case ListKind::Enum: return;
    }
}

void TableEditorPane::removeListItem(ListKind kind, int row)
{
    const QString table = m_table;
    switch (kind) {
    case ListKind::Unique:
        if (row == 0)
            m_editor->apply({tr("Drop primary key of %1").arg(table),
                             [table](Schema &s) { return edit::setPrimaryKey(s, table, {}); }});
        else
            m_editor->apply({tr("Drop unique key of %1").arg(table),
                             [=](Schema &s) { return edit::removeUnique(s, table, row - 1); }});
        return;
    case ListKind::Index:
        m_editor->apply({tr("Drop index of %1").arg(table), [=](Schema &s) { return edit::removeIndex(s, table, row); }});
        return;
    case ListKind::ForeignKey:
        m_editor->apply({tr("Drop foreign key of %1").arg(table),
                         [=](Schema &s) { return edit::removeForeignKey(s, table, row); }});
        return;
    case ListKind::Check:
        m_editor->apply({tr("Drop check of %1").arg(table), [=](Schema &s) { return edit::removeCheck(s, table, row); }});
        return;
    case ListKind::Enum:
        if (row >= 0 && row < m_editor->schema().enums.size()) {
            const QString name = m_editor->schema().enums[row].name;
            m_editor->apply({tr("Drop enum %1").arg(name), [name](Schema &s) { return edit::removeEnum(s, name); }});
        }
        return;
    }
}

}  // namespace loam
