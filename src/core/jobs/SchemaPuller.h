// SchemaPuller: pulls a schema on an SqlWorker and hands the newest answer to the owner's thread.
#pragma once

#include "connection/ConnectionSpec.h"
#include "connection/Connector.h"
#include "schema/Schema.h"
#include "util/Result.h"

#include <QObject>
#include <functional>
#include <memory>

namespace loam {

class SqlWorker;

class SchemaPuller : public QObject {
    Q_OBJECT
public:
    explicit SchemaPuller(QObject *parent = nullptr);
    ~SchemaPuller() override;

    // Pulls spec's schema with a connection the worker opens itself. Starting a new pull makes the
    // answer of any earlier one stale: it is dropped when it arrives.
    void pull(const ConnectionSpec &spec);
    // Like pull(), with a first step on the worker that yields the spec (e.g. creating the demo database).
    void pull(std::function<Result<ConnectionSpec>()> prepare);
    // Forgets the running request, if any; its answer will be dropped.
    void abandon();
    bool isBusy() const { return m_busy; }

signals:
    // Right before pulled: where the connection landed (the node of a cluster, its role).
    void placed(const loam::ConnectionSpec &spec, const loam::ServerPlace &place);
    void pulled(const loam::ConnectionSpec &spec, const loam::Schema &schema, qint64 elapsedMs);
    void failed(const loam::ConnectionSpec &spec, const loam::Error &error);

private:
    void start(std::unique_ptr<SqlWorker> worker);

    std::unique_ptr<SqlWorker> m_worker;
    int m_generation = 0;
    bool m_busy = false;
};

}  // namespace loam
