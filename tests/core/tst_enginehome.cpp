// Engine differences live in src/core/engines/: outside it, code asks the backend and does not
// name an engine. And every registered backend answers for itself consistently.
#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "engines/TypeSystem.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace loam;

class TestEngineHome : public QObject {
    Q_OBJECT
private slots:
    void noEngineIsNamedOutsideItsHome();
    void everyBackendAnswersForItself_data();
    void everyBackendAnswersForItself();
    void typesReadTheSameEverywhere_data();
    void typesReadTheSameEverywhere();
};

// The most mentions of a named engine allowed outside src/core/engines/ (the registry's few
// lines are inside it). Lower it as the remaining ones move home; never raise it.
constexpr int kAllowedMentions = LOAM_ALLOWED_ENGINE_MENTIONS;

void TestEngineHome::noEngineIsNamedOutsideItsHome()
{
    const QString root = qEnvironmentVariable("LOAM_SOURCE_DIR");
    QVERIFY2(!root.isEmpty(), "LOAM_SOURCE_DIR is not set");
    const QString home = root + QStringLiteral("/src/core/engines/");
    static const QRegularExpression named(QStringLiteral(R"(\bEngine::(SQLite|MySQL|PostgreSQL)\b)"));
    int mentions = 0;
    int files = 0;
    QStringList where;
    QDirIterator it(root + QStringLiteral("/src"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        ++files;
        if (path.startsWith(home))
            continue;
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        int count = 0;
        for (auto m = named.globalMatch(text); m.hasNext(); m.next())
            ++count;
        if (count) {
            mentions += count;
            where << QStringLiteral("%1: %2").arg(path.mid(root.size() + 1)).arg(count);
        }
    }
    QVERIFY2(files > 100, qPrintable(QStringLiteral("only %1 source files found under %2/src").arg(files).arg(root)));
    QVERIFY2(mentions <= kAllowedMentions,
             qPrintable(QStringLiteral("%1 mentions of a named engine outside src/core/engines/ (at most %2):\n%3")
                            .arg(mentions).arg(kAllowedMentions).arg(where.join(u'\n'))));
}

void TestEngineHome::everyBackendAnswersForItself_data()
{
    QTest::addColumn<const EngineBackend *>("backend");
    for (const EngineBackend *b : EngineBackend::all())
        QTest::newRow(qPrintable(b->id())) << b;
}

void TestEngineHome::everyBackendAnswersForItself()
{
    QFETCH(const EngineBackend *, backend);
    QCOMPARE(&EngineBackend::of(backend->engine()), backend);
    QCOMPARE(EngineBackend::find(backend->id()), backend);
    for (const QString &alias : backend->aliases())
        QCOMPARE(EngineBackend::find(alias.toUpper()), backend);
    QVERIFY(!backend->urlSchemes().isEmpty());
    for (const QString &scheme : backend->urlSchemes())
        QCOMPARE(EngineBackend::forUrlScheme(scheme), backend);
    QCOMPARE(backend->dialect().engine(), backend->engine());
    QCOMPARE(&Dialect::forEngine(backend->engine()), &backend->dialect());
    const Capabilities &caps = backend->capabilities();
    QCOMPARE(caps.fileDatabase, backend->defaultPort() == 0);
    QVERIFY(caps.autoKinds.contains(AutoKind::None));
    QVERIFY(caps.autoKinds.contains(caps.newKeyColumn.autoKind));
    QVERIFY(caps.autoKinds.contains(caps.serialKind));
    QCOMPARE(backend->types().parse(caps.newKeyColumn.type).family, TypeFamily::Integer);
    QCOMPARE(backend->types().parse(caps.newTextType).family, TypeFamily::Text);
    QCOMPARE(backend->types().parse(caps.dateTimeType).family, TypeFamily::DateTime);
    QCOMPARE(backend->types().parse(caps.floatType).family, TypeFamily::Float);
    QCOMPARE(caps.maxIdentifierLength, backend->dialect().maxIdentifierLength());
    QVERIFY(!backend->displayName().isEmpty());
    QVERIFY(!backend->qtDriver().isEmpty());
}

void TestEngineHome::typesReadTheSameEverywhere_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("family");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QList<qint64>>("args");
    QTest::addColumn<qint64>("lowest");
    QTest::addColumn<qint64>("highest");
    using L = QList<qint64>;
    const qint64 big = std::numeric_limits<qint64>::max();
    const int I = int(TypeFamily::Integer);
    QTest::newRow("int(11) is a 32-bit integer") << "int(11)" << I << "integer" << L{11} << -2147483648LL << 2147483647LL;
    QTest::newRow("int unsigned doubles the top") << "INT UNSIGNED" << I << "integer" << L{} << 0LL << 4294967295LL;
    QTest::newRow("int4 is integer") << "int4" << I << "integer" << L{} << -2147483648LL << 2147483647LL;
    QTest::newRow("bigserial is a bigint") << "bigserial" << I << "bigint" << L{} << std::numeric_limits<qint64>::min() << big;
    QTest::newRow("smallint") << "smallint" << I << "smallint" << L{} << -32768LL << 32767LL;
    QTest::newRow("tinyint unsigned") << "tinyint(3) unsigned" << I << "tinyint" << L{3} << 0LL << 255LL;
    QTest::newRow("unsigned big int reads like SQLite") << "UNSIGNED BIG INT" << I << "big int" << L{} << 0LL << 4294967295LL;
    QTest::newRow("character varying(20) is varchar") << "character varying(20)" << int(TypeFamily::Text) << "varchar" << L{20} << 0LL << 0LL;
    QTest::newRow("nvarchar(160) is text") << "nvarchar(160)" << int(TypeFamily::Text) << "nvarchar" << L{160} << 0LL << 0LL;
    QTest::newRow("numeric(10,2) is a decimal") << "numeric(10, 2)" << int(TypeFamily::Decimal) << "decimal" << L{10, 2} << 0LL << 0LL;
    QTest::newRow("double precision is a float") << "double precision" << int(TypeFamily::Float) << "double" << L{} << 0LL << 0LL;
    QTest::newRow("timestamp(3) with time zone") << "timestamp(3) with time zone" << int(TypeFamily::DateTime) << "timestamp" << L{3} << 0LL << 0LL;
    QTest::newRow("tinyint(1) is a boolean") << "tinyint(1)" << int(TypeFamily::Boolean) << "tinyint" << L{1} << 0LL << 0LL;
    QTest::newRow("interval is not an integer") << "interval" << int(TypeFamily::Time) << "interval" << L{} << 0LL << 0LL;
    QTest::newRow("enum keeps its values") << "enum('a','b)c','it''s')" << int(TypeFamily::Enum) << "enum" << L{} << 0LL << 0LL;
    QTest::newRow("jsonb") << "jsonb" << int(TypeFamily::Json) << "jsonb" << L{} << 0LL << 0LL;
    QTest::newRow("varbinary(16)") << "varbinary(16)" << int(TypeFamily::Binary) << "varbinary" << L{16} << 0LL << 0LL;
}

void TestEngineHome::typesReadTheSameEverywhere()
{
    QFETCH(QString, type);
    QFETCH(int, family);
    QFETCH(QString, base);
    QFETCH(QList<qint64>, args);
    QFETCH(qint64, lowest);
    QFETCH(qint64, highest);
    for (const EngineBackend *b : EngineBackend::all()) {
        const ParsedType t = b->types().parse(type);
        QCOMPARE(int(t.family), family);
        QCOMPARE(t.base, base);
        QCOMPARE(t.args, args);
        if (t.family == TypeFamily::Integer) {
            QVERIFY(t.integerRange);
            QCOMPARE(t.integerRange->first, lowest);
            QCOMPARE(t.integerRange->second, highest);
        } else {
            QVERIFY(!t.integerRange);
        }
        if (t.family == TypeFamily::Enum)
            QCOMPARE(t.enumValues, (QStringList{QStringLiteral("a"), QStringLiteral("b)c"), QStringLiteral("it's")}));
    }
}

QTEST_GUILESS_MAIN(TestEngineHome)
#include "tst_enginehome.moc"
