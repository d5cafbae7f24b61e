// The push preview on replicated servers (the cluster of scripts/db-servers.sh cluster-start): on a
// Galera node it says that DDL runs in total order and blocks writes on every node; on a PostgreSQL
// standby it says the push is refused and offers no Push button.
#include "EngineRows.h"
#include "Screenshots.h"

#include "connection/Connector.h"
#include "demo/TutorialSchema.h"
#include "ui/editor/PushDialog.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace loam;

namespace {

#define CLUSTER_URL_OR_SKIP(var, name)                                                                        \
    const QString var = qEnvironmentVariable(name);                                                          \
    if (var.isEmpty()) {                                                                                     \
        if (loam::test::enginesRequired())                                                                    \
            QFAIL(name " is not set: scripts/db-servers.sh cluster-start starts the cluster");               \
        QSKIP(name " is not set");                                                                           \
    }

// Runs sql on spec with a connection of its own; "" on success.
QString run(const ConnectionSpec &spec, const QString &sql)
{
    ScopedConnection c(spec);
    if (!c.ok())
        return c.error().message;
    QSqlQuery q(c.database());
    return q.exec(sql) ? QString() : q.lastError().text();
}

// The preview of a push of the tutorial schema into database name on spec's server, prepared.
void preview(PushDialog &dialog)
{
    dialog.resize(960, 620);
    dialog.show();
    QSignalSpy prepared(&dialog, &PushDialog::prepared);
    dialog.start();
    QVERIFY(QTest::qWaitFor([&] { return prepared.count() == 1; }, 30000));
}

}  // namespace

class TestClusterPush : public QObject {
    Q_OBJECT

private slots:
    void galeraPreviewSaysDdlBlocksTheCluster()
    {
        CLUSTER_URL_OR_SKIP(nodes, "LOAM_TEST_GALERA_NODES");
        ConnectionSpec node = parseConnectionUrl(nodes.split(u' ').first()).value();
        const QString name = QStringLiteral("loam_preview_") + QUuid::createUuid().toString(QUuid::Id128).left(8);
        QCOMPARE(run(node, QStringLiteral("CREATE DATABASE %1").arg(name)), QString());
        node.database = name;
        {
            PushDialog dialog(node, tutorialSchema(node.engine));
            preview(dialog);
            QVERIFY2(dialog.plan().has_value(), qPrintable(dialog.statusLabel()->text()));
            const QString status = dialog.statusLabel()->text();
            QVERIFY2(status.contains(QStringLiteral("Galera node (cluster of 3, Synced): each DDL statement runs in total order")), qPrintable(status));
            QVERIFY(dialog.pushButton()->isEnabled());
            test::screenshot(&dialog, QStringLiteral("push-preview-galera.png"));
        }
        node.database.clear();
        QCOMPARE(run(node, QStringLiteral("DROP DATABASE %1").arg(name)), QString());
    }

    void standbyPreviewRefusesThePush()
    {
        CLUSTER_URL_OR_SKIP(standbyUrl, "LOAM_TEST_PG_STANDBY_URL");
        const ConnectionSpec standby = parseConnectionUrl(standbyUrl).value();
        PushDialog dialog(standby, tutorialSchema(standby.engine));
        preview(dialog);
        QVERIFY2(dialog.plan().has_value(), qPrintable(dialog.statusLabel()->text()));
        QVERIFY(dialog.plan()->serverTakesNoWrites);
        const QString status = dialog.statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("Cannot push: ")) && status.contains(QStringLiteral("is a PostgreSQL standby")), qPrintable(status));
        QVERIFY(!dialog.pushButton()->isEnabled());
        test::screenshot(&dialog, QStringLiteral("push-preview-standby.png"));
    }
};

QTEST_MAIN(TestClusterPush)
#include "tst_clusterpush.moc"
