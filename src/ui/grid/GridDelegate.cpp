#include "ui/grid/GridDelegate.h"

#include "jobs/SelectJobs.h"
#include "jobs/SqlWorker.h"
#include "data/TableDataModel.h"
#include "engines/Dialect.h"

#include <QAbstractProxyModel>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QPainter>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

namespace loam {

namespace {

const QColor kNullText(0x8a, 0x8f, 0x98);
const QColor kDirty(0xff, 0xe9, 0xa6);
const QColor kInserted(0xdc, 0xf2, 0xd9);
const QColor kDeleted(0xfb, 0xdd, 0xd9);
const QColor kConflict(0xf4, 0xb4, 0xaa);

const ForeignKey *foreignKeyOf(const Table &table, const QString &column)
{
    for (const ForeignKey &fk : table.foreignKeys)
        if (fk.columns.size() == 1 && fk.columns.first() == column)
            return &fk;
    return nullptr;
}

// The first text-like column of a table that is not its key: what a person recognises a row by.
QString labelColumn(const Table &table)
{
    for (const Column &c : table.columns) {
        const QString t = c.type.toLower();
        if (!table.primaryKey.columns.contains(c.name)
            && (t.contains(u"char") || t.contains(u"text") || t.contains(u"string")))
            return c.name;
    }
    return {};
}

// A combo that searches the referenced table as the person types: "3 — alice".
class ForeignKeyPicker : public QComboBox {
public:
    ForeignKeyPicker(QWidget *parent, SqlWorker *worker, Engine engine, const Table &refTable, const QString &refColumn)
        : QComboBox(parent), m_worker(worker), m_engine(engine), m_table(refTable.name), m_key(refColumn),
          m_label(labelColumn(refTable))
    {
        setEditable(true);
        setInsertPolicy(QComboBox::NoInsert);
        completer()->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
        setObjectName(QStringLiteral("foreignKeyPicker"));
        m_debounce.setSingleShot(true);
        m_debounce.setInterval(180);
        connect(&m_debounce, &QTimer::timeout, this, [this] { search(lineEdit()->text()); });
        connect(lineEdit(), &QLineEdit::textEdited, this, [this] { m_debounce.start(); });
        search(QString());
    }

    QVariant value() const
    {
        const int i = findText(currentText());
        if (i >= 0 && itemData(i).isValid())
            return itemData(i);
        // Typed by hand: the key itself ("3"), or "3 — alice".
        const QString text = currentText().section(QStringLiteral(" — "), 0, 0).trimmed();
        return text.isEmpty() ? QVariant() : QVariant(text);
    }

private:
    void search(const QString &typed)
    {
        const QString text = typed.section(QStringLiteral(" — "), 0, 0).trimmed();
        const Dialect &d = Dialect::forEngine(m_engine);
        DataView view;
        view.table = m_table;
        view.columns = {m_key};
        if (!m_label.isEmpty())
            view.columns << m_label;
        view.keyColumns = {m_key};
        if (!text.isEmpty()) {
            QStringList parts{d.containsCondition(d.quoteIdentifier(m_key))};
            if (!m_label.isEmpty())
                parts << d.containsCondition(d.quoteIdentifier(m_label));
            view.where = parts.join(QStringLiteral(" OR "));
        }
        SqlStatement st = TableQuery(d, view).fromStart(0, 50);
        const QString pattern = QLatin1Char('%') + escapeLikePattern(text) + QLatin1Char('%');
        if (!text.isEmpty())
            st.values = m_label.isEmpty() ? QVariantList{pattern} : QVariantList{pattern, pattern};
        QPointer<ForeignKeyPicker> self(this);
        m_worker->post(m_worker->generation(), [st](QSqlDatabase &db) { return selectRows(db, st); }, this,
                       [self, typed](const JobReply<RowSet> &reply) {
                           if (!self || !reply.ok())
                               return;
                           const QString keep = self->lineEdit()->text();
                           self->blockSignals(true);
                           self->clear();
                           for (const QVariantList &row : reply.result->rows) {
                               const QString label = row.size() > 1 ? QStringLiteral("%1 — %2").arg(row[0].toString(), row[1].toString())
                                                                    : row[0].toString();
                               self->addItem(label, row[0]);
                           }
                           self->lineEdit()->setText(keep);
                           self->blockSignals(false);
                           if (self->hasFocus() && !typed.isEmpty())
                               self->showPopup();
                       });
    }

    SqlWorker *m_worker;
    Engine m_engine;
    QString m_table;
    QString m_key;
    QString m_label;
    QTimer m_debounce;
};

}  // namespace

GridDelegate::GridDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

GridDelegate::~GridDelegate() = default;

GridDelegate::EditorKind GridDelegate::editorKind(const TableDataModel &model, int column, QStringList *enumValues)
{
    const Table *table = model.table();
    if (!table)
        return EditorKind::Text;
    const Column *c = table->column(model.columnNames().value(column));
    if (!c)
        return EditorKind::Text;
    if (const ForeignKey *fk = foreignKeyOf(*table, c->name); fk && model.schema().table(fk->refTable))
        return EditorKind::ForeignKey;
    const QString type = c->type.toLower().trimmed();
    if (type.startsWith(u"enum(") || type.startsWith(u"enum (")) {
        if (enumValues) {
            static const QRegularExpression quoted(QStringLiteral("'((?:[^']|'')*)'"));
            for (auto it = quoted.globalMatch(c->type); it.hasNext();)
                *enumValues << it.next().captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
        }
        return EditorKind::Enum;
    }
    if (const EnumType *e = model.schema().enumType(c->type)) {
        if (enumValues)
            *enumValues = e->values;
        return EditorKind::Enum;
    }
    if (type == u"boolean" || type == u"bool" || type == u"tinyint(1)")
        return EditorKind::Boolean;
    if (type.startsWith(u"timestamp") || type.startsWith(u"datetime"))
        return EditorKind::DateTime;
    if (type == u"date")
        return EditorKind::Date;
    if (type.startsWith(u"time"))
        return EditorKind::Time;
    return EditorKind::Text;
}

SqlWorker *GridDelegate::lookupWorker(const TableDataModel &model) const
{
    if (!m_lookup || !(m_lookupSpec == model.connection())) {
        m_lookupSpec = model.connection();
        m_lookup = std::make_unique<SqlWorker>(m_lookupSpec, SqlWorker::Order::Lifo, 2);
    }
    return m_lookup.get();
}

QWidget *GridDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Through the view's row window (ui/grid/RowWindowProxy.h) to the table's own model.
    const QAbstractItemModel *shown = index.model();
    while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(shown))
        shown = proxy->sourceModel();
    const auto *model = qobject_cast<const TableDataModel *>(shown);
    if (!model)
        return QStyledItemDelegate::createEditor(parent, option, index);
    QStringList values;
    switch (editorKind(*model, index.column(), &values)) {
    case EditorKind::Boolean: {
        auto *box = new QCheckBox(parent);
        box->setAutoFillBackground(true);
        const Column *c = model->table()->column(model->columnNames().value(index.column()));
        box->setTristate(c && c->nullable);
        return box;
    }
    case EditorKind::Date: {
        auto *e = new QDateEdit(parent);
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        return e;
    }
    case EditorKind::Time: {
        auto *e = new QTimeEdit(parent);
        e->setDisplayFormat(QStringLiteral("HH:mm:ss"));
        return e;
    }
    case EditorKind::DateTime: {
        auto *e = new QDateTimeEdit(parent);
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        return e;
    }
    case EditorKind::Enum: {
        auto *combo = new QComboBox(parent);
        combo->addItems(values);
        return combo;
    }
    case EditorKind::ForeignKey: {
        const Table *table = model->table();
        const ForeignKey *fk = foreignKeyOf(*table, model->columnNames().value(index.column()));
        const Table *ref = model->schema().table(fk->refTable);
        const QString refColumn = fk->refColumns.isEmpty() ? ref->primaryKey.columns.value(0) : fk->refColumns.first();
        return new ForeignKeyPicker(parent, lookupWorker(*model), model->connection().engine, *ref, refColumn);
    }
    case EditorKind::Text: break;
    }
    auto *line = new QLineEdit(parent);
    line->setFrame(false);
    return line;
}

void GridDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto *box = qobject_cast<QCheckBox *>(editor)) {
        if (value.isNull() && box->isTristate())
            box->setCheckState(Qt::PartiallyChecked);
        else
            box->setChecked(value.toBool() || value.toString() == u"t" || value.toString() == u"true");
    } else if (auto *dt = qobject_cast<QDateTimeEdit *>(editor)) {
        if (qobject_cast<QDateEdit *>(editor))
            dt->setDate(value.isNull() ? QDate::currentDate() : value.toDate());
        else if (qobject_cast<QTimeEdit *>(editor))
            dt->setTime(value.isNull() ? QTime(0, 0) : QTime::fromString(value.toString(), Qt::ISODate));
        else
            dt->setDateTime(value.isNull() ? QDateTime::currentDateTime() : value.toDateTime());
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (combo->isEditable())
            combo->setEditText(value.toString());
        else
            combo->setCurrentIndex(combo->findText(value.toString()));
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(value.isNull() ? QString() : value.toString());
        if (value.isNull())
            line->setPlaceholderText(QStringLiteral("NULL"));
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void GridDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *box = qobject_cast<QCheckBox *>(editor)) {
        model->setData(index, box->checkState() == Qt::PartiallyChecked ? QVariant() : QVariant(box->isChecked()));
    } else if (auto *dt = qobject_cast<QDateTimeEdit *>(editor)) {
        if (qobject_cast<QDateEdit *>(editor))
            model->setData(index, dt->date());
        else if (qobject_cast<QTimeEdit *>(editor))
            model->setData(index, dt->time().toString(QStringLiteral("HH:mm:ss")));
        else
            model->setData(index, dt->dateTime());
    } else if (auto *picker = dynamic_cast<ForeignKeyPicker *>(editor)) {
        model->setData(index, picker->value());
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentText());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        // An untouched NULL stays NULL; typing makes it text (set NULL explicitly from the context menu).
        const QVariant old = index.data(Qt::EditRole);
        if (old.isNull() && line->text().isEmpty())
            return;
        model->setData(index, line->text());
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

void GridDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool loaded = index.data(TableDataModel::IsLoadedRole).toBool();
    const bool isNull = index.data(TableDataModel::IsNullRole).toBool();
    const auto state = TableDataModel::RowState(index.data(TableDataModel::RowStateRole).toInt());
    const QVariant raw = index.data(TableDataModel::RawValueRole);
    if (!loaded || isNull || raw.typeId() == QMetaType::QByteArray)
        option->palette.setColor(QPalette::Text, kNullText);
    if (isNull)
        option->font.setItalic(true);
    if (state == TableDataModel::RowState::Deleted)
        option->font.setStrikeOut(true);
    if (raw.typeId() == QMetaType::QByteArray)
        option->font.setFamily(QStringLiteral("monospace"));
    switch (state) {
    case TableDataModel::RowState::Conflict: option->backgroundBrush = kConflict; break;
    case TableDataModel::RowState::Deleted: option->backgroundBrush = kDeleted; break;
    case TableDataModel::RowState::Inserted: option->backgroundBrush = kInserted; break;
    case TableDataModel::RowState::Modified:
        if (index.data(TableDataModel::IsDirtyRole).toBool())
            option->backgroundBrush = kDirty;
        break;
    case TableDataModel::RowState::Clean: break;
    }
}

void GridDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    // A dirty cell also gets a small corner mark, visible even when the row is selected.
    if (index.data(TableDataModel::IsDirtyRole).toBool()) {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xe0, 0x8a, 0x00));
        const QRect r = option.rect;
        const QPoint pts[3] = {r.topRight() - QPoint(6, 0), r.topRight(), r.topRight() + QPoint(0, 6)};
        painter->drawPolygon(pts, 3);
        painter->restore();
    }
}

}  // namespace loam
