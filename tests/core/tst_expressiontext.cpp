// Check and index expressions compare equal when only the engine's spelling differs, and differ when the meaning does.
#include "engines/Dialect.h"

#include <QtTest>

using namespace loam;

class TestExpressionText : public QObject {
    Q_OBJECT
private slots:
    void sameMeaningComparesEqual_data()
    {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("printed");
        QTest::newRow("PostgreSQL wraps a check and casts its number") << "salary >= 0" << "((salary >= (0)::numeric))";
        QTest::newRow("PostgreSQL brackets each side of AND") << "a > 0 AND b > 0" << "((a > 0) AND (b > 0))";
        QTest::newRow("MariaDB quotes and brackets a comparison") << "price > 0" << "(`price` > 0)";
        QTest::newRow("a cast inside a call argument") << "lower(email)" << "lower((email)::text)";
        QTest::newRow("needed brackets survive the outer ones") << "(a + b) * c" << "(((a + b) * c))";
        QTest::newRow("left operand of an equal operator") << "a - b - c" << "(a - b) - c";
        QTest::newRow("tighter product inside a sum") << "a + b * c" << "a + (b * c)";
        QTest::newRow("an IN list keeps its parentheses") << "mood IN ('ok', 'sad')" << "(mood in ('ok','sad'))";
        QTest::newRow("case and white space") << "A  IS NOT NULL" << "(a is not\nnull)";
    }
    void sameMeaningComparesEqual()
    {
        QFETCH(QString, written);
        QFETCH(QString, printed);
        QCOMPARE(Dialect::canonicalExpression(printed), Dialect::canonicalExpression(written));
    }

    void differentMeaningDiffers_data()
    {
        QTest::addColumn<QString>("one");
        QTest::addColumn<QString>("other");
        QTest::newRow("a grouped sum times c is not a plus b times c") << "(a+b)*c" << "a+b*c";
        QTest::newRow("right-grouped difference") << "a - (b - c)" << "a - b - c";
        QTest::newRow("OR grouped under AND") << "(a OR b) AND c" << "a OR b AND c";
        QTest::newRow("NOT of a conjunction") << "NOT (a AND b)" << "NOT a AND b";
        QTest::newRow("negated sum") << "-(a + b)" << "-a + b";
        QTest::newRow("different list") << "mood IN ('ok')" << "mood IN ('sad')";
    }
    void differentMeaningDiffers()
    {
        QFETCH(QString, one);
        QFETCH(QString, other);
        QVERIFY2(Dialect::canonicalExpression(one) != Dialect::canonicalExpression(other),
                 qPrintable(Dialect::canonicalExpression(one)));
    }
};

QTEST_APPLESS_MAIN(TestExpressionText)
#include "tst_expressiontext.moc"
