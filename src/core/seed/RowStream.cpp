#include "seed/RowStream.h"

namespace loam {

namespace {
constexpr size_t kDepth = 2;
}

RowStream::RowStream(const SeedPlan &plan, int table, qint64 chunkRows, qint64 from, qint64 to)
{
    const qint64 count = plan.tables()[table].count;
    const qint64 end = to < 0 ? count : qMin(to, count);
    m_thread = std::thread([this, &plan, table, from, end, chunkRows] { produce(plan, table, from, end, qMax<qint64>(1, chunkRows)); });
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

void RowStream::produce(const SeedPlan &plan, int table, qint64 from, qint64 to, qint64 chunkRows)
{
    for (qint64 start = from; start < to; start += chunkRows) {
        QList<QVariantList> rows;
        const qint64 end = qMin(to, start + chunkRows);
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
