#include "seed/RowStream.h"

namespace loam {

namespace {
constexpr size_t kDepth = 2;
}

RowStream::RowStream(const SeedPlan &plan, int table, qint64 chunkRows)
{
    const qint64 count = plan.tables()[table].count;
    m_thread = std::thread([this, &plan, table, count, chunkRows] { produce(plan, table, count, qMax<qint64>(1, chunkRows)); });
}

RowStream::~RowStream()
{
    {
        std::lock_guard lock(m_mutex);
        m_abort = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void RowStream::produce(const SeedPlan &plan, int table, qint64 count, qint64 chunkRows)
{
    for (qint64 start = 0; start < count; start += chunkRows) {
        QList<QVariantList> rows;
        const qint64 end = qMin(count, start + chunkRows);
        rows.reserve(end - start);
        for (qint64 r = start; r < end; ++r)
            rows << plan.row(table, r);
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_abort || m_ready.size() < kDepth; });
        if (m_abort)
            return;
        m_ready.push_back(std::move(rows));
        lock.unlock();
        m_changed.notify_all();
    }
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_changed.notify_all();
}

bool RowStream::next(QList<QVariantList> *rows)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_done || !m_ready.empty(); });
    if (m_ready.empty())
        return false;
    *rows = std::move(m_ready.front());
    m_ready.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return true;
}

}  // namespace loam
