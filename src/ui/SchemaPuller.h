// SchemaPuller: pulls a schema on a worker thread and hands the newest answer to the GUI thread.
#pragma once

#include "connection/ConnectionSpec.h"
#include "schema/Schema.h"
#include "util/Result.h"

#include <QObject>
#include <functional>

namespace loam {

class SchemaPuller : public QObject {
    Q_OBJECT
public:
    explicit SchemaPuller(QObject *parent = nullptr);

    // Pulls spec's schema with a connection the worker opens itself. Starting a new pull makes the
    // answer of any earlier one stale: it is dropped when it arrives.
    void pull(const ConnectionSpec &spec);
    // Like pull(), with a first step on the worker that yields the spec (e.g. creating the demo database).
    void pull(std::function<Result<ConnectionSpec>()> prepare);
    // Forgets the running request, if any; its answer will be dropped.
    void abandon();
    bool isBusy() const { return m_busy; }

signals:
    void pulled(const loam::ConnectionSpec &spec, const loam::Schema &schema, qint64 elapsedMs);
    void failed(const loam::ConnectionSpec &spec, const loam::Error &error);

private:
    int m_generation = 0;
    bool m_busy = false;
};

}  // namespace loam
