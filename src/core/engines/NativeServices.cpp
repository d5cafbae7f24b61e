#include "engines/NativeServices.h"

#include <chrono>
#include <thread>

namespace loam {

void repeatInterrupt(const std::function<bool()> &running, const std::function<void()> &interrupt, int maxAttempts)
{
    using namespace std::chrono_literals;
    for (int attempt = 0; (maxAttempts <= 0 || attempt < maxAttempts) && running(); ++attempt) {
        interrupt();
        std::this_thread::sleep_for(attempt == 0 ? 50ms : 150ms);
    }
}

struct InterruptWatcher::State {
    std::atomic<bool> done{false};
    std::thread thread;
};

InterruptWatcher::InterruptWatcher(StatementInterrupter *interrupter, const std::atomic<bool> *cancel)
{
    if (!interrupter || !cancel)
        return;
    m_state = new State;
    State *state = m_state;
    state->thread = std::thread([state, interrupter, cancel] {
        using namespace std::chrono_literals;
        while (!state->done.load() && !cancel->load())
            std::this_thread::sleep_for(20ms);
        repeatInterrupt([state] { return !state->done.load(); }, [interrupter] { interrupter->interrupt(); });
    });
}

InterruptWatcher::~InterruptWatcher()
{
    if (!m_state)
        return;
    m_state->done = true;
    m_state->thread.join();
    delete m_state;
}

}  // namespace loam
