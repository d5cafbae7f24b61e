// SplitMix64: a tiny deterministic random generator, the same numbers on every machine and compiler.
#pragma once

#include <QtGlobal>
#include <cstddef>

namespace loam {

class SplitMix64 {
public:
    explicit SplitMix64(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return n <= 0 ? 0 : int(next() % quint64(n)); }
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    bool chance(int percent) { return below(100) < percent; }
    double unit() { return double(next() >> 11) / double(1ULL << 53); }
    template <class T, std::size_t N>
    const T &pick(const T (&items)[N]) { return items[next() % N]; }

private:
    quint64 m_state;
};

}  // namespace loam
