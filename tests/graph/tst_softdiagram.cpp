// `loam diagram` of a project whose relations are all soft: one edge per relation, marked as such.
#include "DrizzleFixtures.h"

#include "cli/Cli.h"
#include "graph/DiagramCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace loam;

class TestSoftDiagram : public QObject {
    Q_OBJECT

private slots:
    void relationsOnlyTutorialHasFourEdges()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("er.json"));
        QString printed, messages;
        QTextStream o(&printed), e(&messages);
        const int code = runDiagramCommand({QStringLiteral("diagram"), QStringLiteral("--schema"),
                                            loam::test::drizzleFixture(QStringLiteral("tutorial-relations-only.ts")),
                                            QStringLiteral("--out"), out},
                                           o, e);
        e.flush();
        QVERIFY2(code == cli::ExitOk, qPrintable(messages));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray edges = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("edges")).toArray();
        QStringList seen;
        for (const QJsonValue &v : edges) {
            const QJsonObject edge = v.toObject();
            QVERIFY(edge.value(QStringLiteral("relationOnly")).toBool());
            QVERIFY(edge.value(QStringLiteral("points")).toArray().size() >= 2);
            seen << QStringLiteral("%1.%2 -> %3 %4")
                        .arg(edge.value(QStringLiteral("from")).toString(),
                             edge.value(QStringLiteral("columns")).toArray().first().toString(),
                             edge.value(QStringLiteral("to")).toString(), edge.value(QStringLiteral("kind")).toString());
        }
        seen.sort();
        QCOMPARE(seen, (QStringList{QStringLiteral("scores.level_id -> levels one-to-many"),
                                    QStringLiteral("scores.session_id -> sessions one-to-many"),
                                    QStringLiteral("sessions.user_id -> users one-to-many"),
                                    QStringLiteral("user_profiles.user_id -> users one-to-one")}));
    }
};

QTEST_MAIN(TestSoftDiagram)
#include "tst_softdiagram.moc"
