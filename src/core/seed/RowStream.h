// RowStream: the rows of one planned table generated ahead on a helper thread, in chunks, while
// the writer sends the previous chunk; at most two chunks wait, so memory stays flat in the count.
#pragma once

#include "seed/SeedPlan.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace loam {

class RowStream {
public:
    // Rows [from, to) of the table; to < 0 means its last row.
    RowStream(const SeedPlan &plan, int table, qint64 chunkRows, qint64 from = 0, qint64 to = -1);
    ~RowStream();   // stops the helper thread and waits for it
    RowStream(const RowStream &) = delete;
    RowStream &operator=(const RowStream &) = delete;

    // The next chunk of rows, in order; false once every row was handed out.
    bool next(QList<QVariantList> *rows);

private:
    void produce(const SeedPlan &plan, int table, qint64 from, qint64 to, qint64 chunkRows);

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QList<QVariantList>> m_ready;
    bool m_done = false;
    bool m_abort = false;
    std::thread m_thread;
};

}  // namespace loam
