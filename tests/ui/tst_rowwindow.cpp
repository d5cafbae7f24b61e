// The data grid's row window on a 5,000,000-row model: the view only ever sees a bounded window,
// the whole-table scroll bar reaches the last row, and edits land on the right source rows.
#include "ui/grid/DataGridView.h"
#include "ui/grid/RowWindowProxy.h"

#include <QAbstractTableModel>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QtTest>

using namespace loam;

namespace {

// Rows computed from their number, edits kept aside: millions of rows cost nothing.
class BigModel : public QAbstractTableModel {
public:
    explicit BigModel(int rows) : m_rows(rows) {}
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_rows; }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 3; }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::DisplayRole && role != Qt::EditRole)
            return {};
        const auto edited = m_edits.constFind({index.row(), index.column()});
        if (edited != m_edits.cend())
            return *edited;
        return QStringLiteral("r%1c%2").arg(index.row()).arg(index.column());
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        return orientation == Qt::Vertical ? QString::number(qint64(section) + 1) : QStringLiteral("col%1").arg(section);
    }
    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        return QAbstractTableModel::flags(index) | Qt::ItemIsEditable;
    }
    bool setData(const QModelIndex &index, const QVariant &value, int role) override
    {
        if (role != Qt::EditRole)
            return false;
        m_edits.insert({index.row(), index.column()}, value);
        emit dataChanged(index, index);
        return true;
    }
    void appendRows(int n)
    {
        beginInsertRows({}, m_rows, m_rows + n - 1);
        m_rows += n;
        endInsertRows();
    }
    void shrinkTo(int rows)
    {
        beginRemoveRows({}, rows, m_rows - 1);
        m_rows = rows;
        endRemoveRows();
    }
    QHash<QPair<int, int>, QVariant> m_edits;

private:
    int m_rows;
};

constexpr int kRows = 5000000;

// The absolute row number the header shows at a viewport y coordinate.
QString headerLabelAt(DataGridView &view, int y)
{
    const int row = view.rowAt(y);
    return row < 0 ? QString() : view.model()->headerData(row, Qt::Vertical).toString();
}

}  // namespace

class RowWindowTest : public QObject {
    Q_OBJECT
private slots:
    void viewSeesOnlyAWindowAndTheBarReachesTheLastRow()
    {
        BigModel model(kRows);
        DataGridView view;
        view.resize(800, 500);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int window = view.rowWindow()->windowSize();
        QVERIFY(window < kRows / 10);
        QCOMPARE(view.model()->rowCount(), window);
        QCOMPARE(view.verticalHeader()->count(), window);
        QCOMPARE(view.sourceModel(), static_cast<QAbstractItemModel *>(&model));
        QCOMPARE(headerLabelAt(view, 2), QStringLiteral("1"));

        // The whole-table bar spans all rows; the view's own bar is not shown.
        QScrollBar *bar = view.rowScrollBar();
        QTRY_VERIFY(bar->isVisible());
        QVERIFY(!view.verticalScrollBar()->isVisible());
        QVERIFY(bar->maximum() > kRows - 100);

        // Dragged to the end: the last absolute row is on screen, still through a bounded window.
        bar->setValue(bar->maximum());
        QApplication::processEvents();
        QCOMPARE(view.model()->rowCount(), window);
        QCOMPARE(view.verticalHeader()->count(), window);
        QTRY_COMPARE(headerLabelAt(view, view.viewport()->height() - 2), QString::number(kRows));
        QCOMPARE(view.sourceRowAt(view.viewport()->height() - 2), kRows - 1);
        QCOMPARE(view.model()->index(view.rowAt(view.viewport()->height() - 2), 1).data().toString(),
                 QStringLiteral("r%1c1").arg(kRows - 1));

        // A jump into the middle: the top row shown is the bar's value.
        bar->setValue(2500000);
        QApplication::processEvents();
        QCOMPARE(headerLabelAt(view, 2), QStringLiteral("2500001"));
        QVERIFY(view.rowWindow()->containsSourceRow(2500000));
        QCOMPARE(view.model()->rowCount(), window);

        // Ctrl+Home and Ctrl+End go to the ends of the table, not of the window.
        view.setFocus();
        view.setCurrentIndex(view.model()->index(view.rowAt(2), 1));
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(view.sourceIndex(view.currentIndex()).row(), kRows - 1);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(view.sourceIndex(view.currentIndex()).row(), 0);
        QTRY_COMPARE(bar->value(), 0);
    }

    void scrollingInsideTheWindowMovesItNearItsEdge()
    {
        BigModel model(kRows);
        DataGridView view;
        view.resize(800, 500);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QScrollBar *bar = view.rowScrollBar();
        bar->setValue(1000000);
        QApplication::processEvents();
        const int start = view.rowWindow()->windowStart();

        // The current cell is an absolute row; it must stay that row when the window moves.
        const QModelIndex current = view.model()->index(view.rowAt(2) + 3, 2);
        view.setCurrentIndex(current);
        const int currentSourceRow = view.sourceIndex(current).row();
        QCOMPARE(currentSourceRow, 1000003);

        // Scroll the view itself (as the wheel and the keys do) near the end of its window.
        QScrollBar *own = view.verticalScrollBar();
        const int target = own->maximum() - 10;
        own->setValue(target);
        QCOMPARE(bar->value(), start + target);        // the whole-table bar follows at once
        const int top = start + target;
        QTRY_VERIFY(view.rowWindow()->windowStart() != start);   // then the window moves
        QCOMPARE(view.rowWindow()->windowStart() + own->value(), top);
        QCOMPARE(headerLabelAt(view, 2), QString::number(top + 1));
        QCOMPARE(bar->value(), top);
        QCOMPARE(view.model()->rowCount(), view.rowWindow()->windowSize());
        QVERIFY(view.currentIndex().isValid());
        QCOMPARE(view.sourceIndex(view.currentIndex()).row(), currentSourceRow);
    }

    void wheelAndKeysMoveTheWholeTableBar()
    {
        BigModel model(kRows);
        DataGridView view;
        view.resize(800, 500);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QScrollBar *bar = view.rowScrollBar();
        bar->setValue(3000000);
        QApplication::processEvents();
        const QPoint centre = view.viewport()->rect().center();
        QWheelEvent down(centre, view.viewport()->mapToGlobal(centre), QPoint(), QPoint(0, -120), Qt::NoButton,
                         Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &down);
        QVERIFY(bar->value() > 3000000);
        QCOMPARE(headerLabelAt(view, 2), QString::number(bar->value() + 1));

        view.setFocus();
        view.setCurrentIndex(view.model()->index(view.rowAt(2), 0));
        const int before = bar->value();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(&view, Qt::Key_PageDown);
        QVERIFY(bar->value() > before + 20);
        QCOMPARE(headerLabelAt(view, 2), QString::number(bar->value() + 1));
    }

    void editThroughTheWindowLandsOnTheSourceRow()
    {
        BigModel model(kRows);
        DataGridView view;
        view.resize(800, 500);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int row = 4321987;
        view.setCurrentSourceIndex(model.index(row, 1));
        QVERIFY(view.rowWindow()->windowStart() > 0);
        QCOMPARE(view.sourceIndex(view.currentIndex()), model.index(row, 1));
        QVERIFY(view.visualRect(view.currentIndex()).intersects(view.viewport()->rect()));

        // Typing starts an editor on the current cell; Enter commits it.
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_F2);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("edited"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(model.m_edits.size(), 1);
        QCOMPARE(model.m_edits.constBegin().key(), qMakePair(row, 1));
        QCOMPARE(model.index(row, 1).data().toString(), QStringLiteral("edited"));
        QCOMPARE(view.currentIndex().data().toString(), QStringLiteral("edited"));
        // Neighbours are untouched.
        QCOMPARE(model.index(row - 1, 1).data().toString(), QStringLiteral("r%1c1").arg(row - 1));
    }

    // Not a check: with LOAM_GRID_SHOT_DIR set, saves the end of the 5,000,000 rows (for review).
    void screenshotOfTheLastRows()
    {
        const QString dir = qEnvironmentVariable("LOAM_GRID_SHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set LOAM_GRID_SHOT_DIR to save screenshots");
        BigModel model(kRows);
        DataGridView view;
        view.resize(700, 360);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setFocus();
        view.setCurrentIndex(view.model()->index(0, 1));
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        QCoreApplication::processEvents();
        QVERIFY(view.grab().save(dir + QStringLiteral("/grid-row-window-end.png")));
    }

    void rowsArrivingAndLeavingKeepTheWindowConsistent()
    {
        // A result that grows batch by batch (the SQL editor) fills the window up to its size.
        BigModel model(10);
        DataGridView view;
        view.rowWindow()->setWindowSize(1000);
        view.resize(800, 400);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.model()->rowCount(), 10);
        model.appendRows(20);
        QCOMPARE(view.model()->rowCount(), 30);
        model.appendRows(5000);
        QCOMPARE(view.model()->rowCount(), 1000);
        QTRY_VERIFY(view.rowScrollBar()->maximum() > 4000);

        // At the end, then the count shrinks under the window (an estimated count corrected).
        view.scrollToLastRow();
        QCOMPARE(view.rowWindow()->windowStart(), 5030 - 1000);
        model.shrinkTo(4200);
        QCOMPARE(view.model()->rowCount(), 1000);
        QVERIFY(view.rowWindow()->windowStart() + view.model()->rowCount() <= 4200);
        view.scrollToLastRow();
        QTRY_COMPARE(headerLabelAt(view, view.viewport()->height() - 2), QStringLiteral("4200"));
        QTRY_COMPARE(view.rowScrollBar()->value(), view.rowScrollBar()->maximum());
    }
};

QTEST_MAIN(RowWindowTest)
#include "tst_rowwindow.moc"
